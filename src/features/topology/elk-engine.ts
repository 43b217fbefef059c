import type { ElkNode } from 'elkjs/lib/elk-api';
import { RequestLimiter } from '../../kuma/client';
import { graphShape, withNames } from '../../topology/elk-shape';
import type { ElkEngine } from '../../topology/layout';

/** Where the dashboard's own server lays out graphs (`server/layout/`): not under `/api/`. */
export const LAYOUT_URL = '/_layout';

/** Where it lays out a whole compound graph level by level, in one round trip. */
export const LAYOUT_LEVELS_URL = '/_layout/levels';

/**
 * Layout requests in flight from this page: two, as many as the server lays out side by side,
 * beside the API client's four, so the browser's six connections to this origin never fill with
 * layouts (every expanded mesh and call group is a job of its own).
 */
const layoutRequests = new RequestLimiter(2);

/** Answers kept in the page: collapsing and expanding a mesh back asks the server nothing. */
const CACHED_ANSWERS = 48;

/** The server's problem detail, else the status line. */
async function failure(response: Response): Promise<Error> {
  let detail = `${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as { detail?: unknown };
    if (typeof body.detail === 'string') detail = body.detail;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new Error(`The layout server answered ${response.status}: ${detail}`);
}

function abortError(): DOMException {
  return new DOMException('The layout is no longer wanted', 'AbortError');
}

interface InFlight {
  answer: Promise<ElkNode>;
  controller: AbortController;
  /** Callers still waiting: the request is cancelled when the last one gives up. */
  waiters: number;
}

/**
 * ELK on the dashboard server: the browser never downloads or runs the 1.5 MB engine. A
 * topology's whole compound graph goes to `LAYOUT_LEVELS_URL`, where the server lays out its
 * levels one after the other, each job from its own cache, without a round trip between them;
 * a single job goes to `LAYOUT_URL`. Answers are kept by the graph's shape (`graphShape`: names
 * aside), as the server keeps them, and a shape already on its way is not sent twice: each
 * caller gets the answer under its own names. The request is cancelled once every caller that
 * wanted it has aborted; the server keeps its jobs a moment for a layout that replaces it.
 */
export function createServerElkEngine(fetchImpl: typeof fetch = fetch): ElkEngine {
  return {
    layout: postingTo(LAYOUT_URL, fetchImpl),
    layoutLevels: postingTo(LAYOUT_LEVELS_URL, fetchImpl),
  };
}

/** `ElkEngine.layout` through `url`: cached and shared by shape, cancelled with its callers. */
function postingTo(url: string, fetchImpl: typeof fetch): Required<ElkEngine>['layout'] {
  /** Answers by shape key, under the shape's own names (`n0`, `n1`, …). */
  const answers = new Map<string, ElkNode>();
  const inFlight = new Map<string, InFlight>();

  const send = async (
    graph: ElkNode,
    toShape: ReadonlyMap<string, string>,
    key: string,
    signal: AbortSignal,
  ): Promise<ElkNode> => {
    // Queued here past two: more would only wait in the server's queue, holding connections
    // the control plane's requests need. The graph goes with its own names (the server
    // renames it again), so what the network panel shows can be read.
    const response = await layoutRequests.run(
      () =>
        fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(graph),
          signal,
        }),
      signal,
    );
    if (!response.ok) throw await failure(response);
    const result = withNames((await response.json()) as ElkNode, toShape);
    answers.set(key, result);
    if (answers.size > CACHED_ANSWERS) {
      const oldest = answers.keys().next().value;
      if (oldest !== undefined) answers.delete(oldest);
    }
    return result;
  };

  return (graph, { signal } = {}) => {
    const shape = graphShape(graph);
    const key = JSON.stringify(shape.graph);
    const named = (laidOut: ElkNode) => withNames(laidOut, shape.names);
    const known = answers.get(key);
    if (known) {
      answers.delete(key);
      answers.set(key, known);
      return Promise.resolve(named(known));
    }
    if (signal?.aborted) return Promise.reject(abortError());
    let request = inFlight.get(key);
    if (!request) {
      const controller = new AbortController();
      const toShape = new Map([...shape.names].map(([renamed, name]) => [name, renamed]));
      const answer = send(graph, toShape, key, controller.signal);
      const created: InFlight = { answer, controller, waiters: 0 };
      request = created;
      inFlight.set(key, created);
      const forget = () => {
        if (inFlight.get(key) === created) inFlight.delete(key);
      };
      answer.then(forget, forget);
    }
    const shared = request;
    shared.waiters += 1;
    return new Promise<ElkNode>((resolve, reject) => {
      const onAbort = () => {
        shared.waiters -= 1;
        if (shared.waiters === 0) {
          if (inFlight.get(key) === shared) inFlight.delete(key);
          shared.controller.abort();
        }
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.answer.then(
        (result) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(named(result));
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };
}

export const serverElkEngine: ElkEngine = createServerElkEngine((input, init) =>
  fetch(input, init),
);
