import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { KumaApiError, KumaClient } from './client';
import { listOf } from './responses';

const numbers = listOf(z.number());

/** A control plane holding `total` numbered items, served `size` per page like kuma-cp. */
function pagedFetch(total: number, requested: URL[]): typeof fetch {
  return async (input) => {
    const url = new URL(String(input));
    requested.push(url);
    const size = Number(url.searchParams.get('size') ?? 100);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const items = Array.from(
      { length: Math.max(0, Math.min(size, total - offset)) },
      (_, i) => offset + i,
    );
    const next =
      offset + size < total ? `http://cp/items?offset=${offset + size}&size=${size}` : null;
    return new Response(JSON.stringify({ total, items, next }));
  };
}

function client(fetchImpl: typeof fetch) {
  return new KumaClient({
    baseUrl: 'http://dash/api',
    getToken: () => undefined,
    fetch: fetchImpl,
  });
}

describe('KumaClient.getAll', () => {
  it.each([
    [0, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
  ])('reads all %i items in %i request(s)', async (total, requests) => {
    const requested: URL[] = [];
    const items = await client(pagedFetch(total, requested)).getAll('/items', numbers, {
      query: { gateway: 'true' },
    });
    expect(items).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(requested).toHaveLength(requests);
    expect(requested.map((url) => url.searchParams.get('gateway'))).toEqual(
      requested.map(() => 'true'),
    );
  });

  it('keeps one copy of a resource that shifted into the next page', async () => {
    const resources = listOf(z.looseObject({ mesh: z.string(), name: z.string() }));
    // The first page was read, then a resource before it was deleted: "dp-999" moves to offset
    // 999 and the second page starts with it again.
    const pages = [
      Array.from({ length: 1000 }, (_, i) => ({ mesh: 'm', name: `dp-${i}` })),
      [
        { mesh: 'm', name: 'dp-999' },
        { mesh: 'm', name: 'dp-1000' },
      ],
    ];
    let call = 0;
    const shifting: typeof fetch = async () => {
      const items = pages[call++] ?? [];
      return new Response(
        JSON.stringify({ total: 1002, items, next: call === 1 ? 'http://cp/next' : null }),
      );
    };
    const items = await client(shifting).getAll('/meshes/m/dataplanes', resources);
    expect(items).toHaveLength(1001);
    expect(items.at(-1)).toEqual({ mesh: 'm', name: 'dp-1000' });
  });

  it('stops on an empty page even if the control plane claims more', async () => {
    let calls = 0;
    const liar: typeof fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ total: 5000, items: [], next: 'http://cp/x' }));
    };
    expect(await client(liar).getAll('/items', numbers)).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe('KumaClient errors', () => {
  it('turns a body cut off mid-transfer into a network error', async () => {
    const cut: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"total":'));
            controller.error(new Error('socket hang up'));
          },
        }),
      );
    const error = await client(cut)
      .get('/meshes', numbers)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(KumaApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });

  it('turns a body that is not JSON into a malformed-response error', async () => {
    const html: typeof fetch = async () => new Response('<html>proxy error</html>');
    await expect(client(html).get('/meshes', numbers)).rejects.toMatchObject({
      kind: 'malformed',
    });
  });
});
