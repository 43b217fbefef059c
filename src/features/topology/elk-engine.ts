import type { ElkNode } from 'elkjs/lib/elk-api';
import { RequestLimiter } from '../../kuma/client';
import type { ElkEngine } from '../../topology/layout';

/** Where the dashboard's own server lays out graphs (`server/layout/`): not under `/api/`. */
export const LAYOUT_URL = '/_layout';

/**
 * Layout requests in flight from this page: one, beside the API client's four, so the browser's
 * six connections to this origin never fill with layouts (an expanded mesh is a job of its own).
 */
const layoutRequests = new RequestLimiter(1);

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

/**
 * ELK on the dashboard server (`POST /_layout`): the browser never downloads or runs the 1.5 MB
 * engine. The request carries the graph's signal, so a superseded layout is dropped from the
 * server's queue, or its worker stopped. Answers are kept by request body, like the server does.
 */
export function createServerElkEngine(fetchImpl: typeof fetch = fetch): ElkEngine {
  const answers = new Map<string, ElkNode>();
  return {
    async layout(graph, { signal } = {}) {
      const body = JSON.stringify(graph);
      const known = answers.get(body);
      if (known) {
        answers.delete(body);
        answers.set(body, known);
        return known;
      }
      // One at a time: the server lays out one graph at a time anyway, and layouts queued in
      // the browser would take the connections the control plane's requests need.
      const response = await layoutRequests.run(
        () =>
          fetchImpl(LAYOUT_URL, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            ...(signal ? { signal } : {}),
          }),
        signal,
      );
      if (!response.ok) throw await failure(response);
      const result = (await response.json()) as ElkNode;
      answers.set(body, result);
      if (answers.size > CACHED_ANSWERS) {
        const oldest = answers.keys().next().value;
        if (oldest !== undefined) answers.delete(oldest);
      }
      return result;
    },
  };
}

export const serverElkEngine: ElkEngine = createServerElkEngine((input, init) =>
  fetch(input, init),
);
