import { describe, expect, it } from 'vitest';
import { createServerElkEngine, LAYOUT_LEVELS_URL, LAYOUT_URL } from './elk-engine';

function fakeFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const GRAPH = { id: 'root', children: [{ id: 'a', width: 10, height: 10 }] };
const LAID_OUT = {
  id: 'root',
  x: 0,
  y: 0,
  width: 34,
  height: 34,
  children: [{ id: 'a', x: 12, y: 12, width: 10, height: 10 }],
};

describe('the server ELK engine', () => {
  it('posts the graph as JSON to /_layout with the signal, and returns the answer', async () => {
    const { calls, fetchImpl } = fakeFetch(() => Response.json(LAID_OUT));
    const engine = createServerElkEngine(fetchImpl);
    const controller = new AbortController();
    expect(await engine.layout(GRAPH, { signal: controller.signal })).toEqual(LAID_OUT);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(LAYOUT_URL);
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(new Headers(calls[0]?.init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual(GRAPH);
  });

  it('asks once for a graph it has laid out before', async () => {
    const { calls, fetchImpl } = fakeFetch(() => Response.json(LAID_OUT));
    const engine = createServerElkEngine(fetchImpl);
    await engine.layout(GRAPH);
    await engine.layout(structuredClone(GRAPH));
    expect(calls).toHaveLength(1);
    await engine.layout({ ...GRAPH, children: [{ id: 'a', width: 11, height: 10 }] });
    expect(calls).toHaveLength(2);
  });

  it('asks once per shape: a graph built alike under other names gets the answer under its own', async () => {
    const { calls, fetchImpl } = fakeFetch(() => Response.json(LAID_OUT));
    const engine = createServerElkEngine(fetchImpl);
    const alike = { id: 'group:mesh-02', children: [{ id: 'b', width: 10, height: 10 }] };
    const [first, second] = await Promise.all([engine.layout(GRAPH), engine.layout(alike)]);
    expect(calls).toHaveLength(1);
    // Sent with its own names, for whoever reads the network panel.
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual(GRAPH);
    expect(first).toEqual(LAID_OUT);
    expect(second).toEqual({
      ...LAID_OUT,
      id: 'group:mesh-02',
      children: [{ ...LAID_OUT.children[0], id: 'b' }],
    });
    // And later, from the page's answers.
    const third = await engine.layout({ ...alike, id: 'group:mesh-03' });
    expect(calls).toHaveLength(1);
    expect(third.id).toBe('group:mesh-03');
  });

  it.each<[string, () => Response, RegExp]>([
    [
      'a problem detail',
      () =>
        Response.json(
          { status: 400, detail: 'the graph has more than 6000 nodes' },
          { status: 400 },
        ),
      /answered 400: the graph has more than 6000 nodes/,
    ],
    [
      'a proxy page',
      () => new Response('<html>bad gateway</html>', { status: 502 }),
      /answered 502/,
    ],
  ])('fails with what the server said: %s', async (_name, answer, message) => {
    const { fetchImpl } = fakeFetch(answer);
    await expect(createServerElkEngine(fetchImpl).layout(GRAPH)).rejects.toThrow(message);
  });

  it('sends a graph already on its way once, for every caller', async () => {
    let release: (response: Response) => void = () => {};
    const calls: string[] = [];
    const held = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Promise<Response>((resolve) => (release = resolve));
    }) as typeof fetch;
    const engine = createServerElkEngine(held);
    const first = engine.layout(GRAPH);
    const second = engine.layout(structuredClone(GRAPH));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(1);
    release(Response.json(LAID_OUT));
    expect(await Promise.all([first, second])).toEqual([LAID_OUT, LAID_OUT]);
  });

  it('cancels the request only when every caller has aborted', async () => {
    const calls: AbortSignal[] = [];
    const held = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const signal = init?.signal as AbortSignal;
      calls.push(signal);
      return new Promise<Response>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    }) as typeof fetch;
    const engine = createServerElkEngine(held);
    const a = new AbortController();
    const b = new AbortController();
    const first = engine.layout(GRAPH, { signal: a.signal }).catch((error: Error) => error.name);
    const second = engine.layout(GRAPH, { signal: b.signal }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(1);
    a.abort();
    expect(await first).toBe('AbortError');
    expect(calls[0]?.aborted).toBe(false);
    b.abort();
    expect(await second).toBe('AbortError');
    expect(calls[0]?.aborted).toBe(true);
    // A later caller starts afresh rather than joining the cancelled request.
    void engine.layout(GRAPH).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(2);
  });

  it('posts a whole compound graph to /_layout/levels, once per shape, apart from single jobs', async () => {
    const nested = (mesh: string) => ({
      id: 'root',
      children: [
        { id: `mesh:${mesh}`, children: [{ id: `gateway:${mesh}/gw`, width: 10, height: 10 }] },
      ],
    });
    const placedUnder = (mesh: string) => ({
      id: 'root',
      x: 0,
      y: 0,
      width: 60,
      height: 60,
      children: [
        {
          id: `mesh:${mesh}`,
          x: 12,
          y: 12,
          width: 34,
          height: 34,
          children: [{ id: `gateway:${mesh}/gw`, x: 12, y: 12, width: 10, height: 10 }],
        },
      ],
    });
    const { calls, fetchImpl } = fakeFetch(() => Response.json(placedUnder('a')));
    const engine = createServerElkEngine(fetchImpl);
    expect(await engine.layoutLevels?.(nested('a'))).toEqual(placedUnder('a'));
    expect(calls.map((call) => call.url)).toEqual([LAYOUT_LEVELS_URL]);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual(nested('a'));
    // Another mesh built alike: the answer under its own names, asked for nothing.
    expect(await engine.layoutLevels?.(nested('b'))).toEqual(placedUnder('b'));
    expect(calls).toHaveLength(1);
    // A single job of that shape is another request, to the per-job path.
    await engine.layout(nested('a'));
    expect(calls.map((call) => call.url)).toEqual([LAYOUT_LEVELS_URL, LAYOUT_URL]);
  });
});
