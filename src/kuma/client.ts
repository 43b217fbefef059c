import type { z } from 'zod/mini';
import { PAGE_SIZE } from './first-requests';
import { RequestLimiter, type RequestPriority } from './request-limiter';
import { meansUnreachable, RequestWatch } from './request-watch';
import type { InvalidParameter, KumaErrorBody, ListResponse } from './types';

// Importers from before the queue moved to its own module.
export { RequestLimiter, type RequestPriority };

export type KumaErrorKind = 'http' | 'network' | 'timeout' | 'malformed';
export type RefusedToken = 'tab' | 'server' | 'none';

/** Every failure of a control-plane call, with Kuma's error body when there was one. */
export class KumaApiError extends Error {
  readonly kind: KumaErrorKind;
  readonly status: number;
  readonly body?: KumaErrorBody;
  readonly path: string;
  /**
   * Which token a 401/403 of the control plane refused: the one set in this tab, the dashboard
   * server's, or none; undefined for the dashboard server's own refusals.
   */
  readonly refusedToken?: RefusedToken;

  constructor(options: {
    kind: KumaErrorKind;
    status: number;
    message: string;
    path: string;
    body?: KumaErrorBody;
    refusedToken?: RefusedToken;
  }) {
    super(options.message);
    this.name = 'KumaApiError';
    this.kind = options.kind;
    this.status = options.status;
    this.body = options.body;
    this.path = options.path;
    this.refusedToken = options.refusedToken;
  }

  get invalidParameters(): InvalidParameter[] {
    return this.body?.invalid_parameters ?? [];
  }

  /** 405 on writes: a Kubernetes or otherwise read-only control plane. */
  get isReadOnly(): boolean {
    return this.status === 405;
  }

  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

function isKumaErrorBody(value: unknown): value is KumaErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Partial<KumaErrorBody>;
  return typeof body.title === 'string' || typeof body.detail === 'string';
}

/** Reads Kuma's error body (or any text) into a readable error. */
export function errorFromResponse(
  status: number,
  text: string,
  path: string,
  refusedToken?: RefusedToken,
): KumaApiError {
  let body: KumaErrorBody | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isKumaErrorBody(parsed)) body = parsed;
  } catch {
    // Not JSON: a proxy page or plain text; the status says enough.
  }
  const detail = body ? [body.title, body.detail ?? body.details].filter(Boolean).join(': ') : '';
  const fallback = text.trim().slice(0, 200) || `HTTP ${status}`;
  return new KumaApiError({
    kind: 'http',
    status,
    path,
    body,
    message: detail || fallback,
    refusedToken,
  });
}

export type QueryValue = string | number | boolean | undefined | readonly string[];

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, item);
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Resource names go into paths: encode each segment, never let one add a segment. */
export function pathOf(...segments: string[]): string {
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

export interface KumaClientOptions {
  /** Where the dashboard's server exposes the control plane's API. */
  baseUrl: string;
  getToken: () => string | undefined;
  /** Per request, counted from when it is sent (not while it waits for a slot). */
  timeoutMs?: number;
  /**
   * Requests in flight at once, in a queue of this client's own; without it, the queue shared
   * by every same-origin request of the page (`sameOriginRequests`).
   */
  maxConcurrent?: number;
  fetch?: typeof fetch;
  /** The timeout's signal, started as a request is sent (tests pass a controllable one). */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Where requests in flight are watched (the page's slow / unreachable banner reads it). */
  watch?: RequestWatch;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  priority?: RequestPriority;
}

export interface WriteResult {
  status: number;
  created: boolean;
  warnings: string[];
}

/** `mesh/name` of a Kuma resource (or of a dataplane overview); undefined for anything else. */
function resourceKey(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const { mesh, name } = item as { mesh?: unknown; name?: unknown };
  if (typeof name !== 'string') return undefined;
  return `${typeof mesh === 'string' ? mesh : ''}\u0000${name}`;
}

/** A runaway `next` chain stops here (a million items). */
const MAX_PAGES = 1000;

/**
 * Browsers send at most 6 requests per origin at once and queue the rest; a timeout started at
 * `fetch()` would run out for requests still in that queue. The client keeps its own queue below
 * that limit (leaving room for the page's own assets) and starts each timeout when the request
 * leaves it.
 */
const MAX_CONCURRENT = 4;
/**
 * The browser's connections per origin: what a user just asked for (a mesh clicked open) may
 * take the two kept for the page's code, which has long loaded by then. A mesh's six requests
 * then leave together, where the last two waited 90-240 ms for the first answers to be read.
 */
const BROWSER_CONNECTIONS = 6;

/**
 * The page's queue for requests to its own origin. Other same-origin requests that can pile up
 * (e.g. layouts posted to the dashboard server) should run through it too, or they fill the
 * browser's 6 connections and the control-plane requests wait there, their timeouts running.
 */
export const sameOriginRequests = new RequestLimiter(MAX_CONCURRENT, BROWSER_CONNECTIONS);

/**
 * The one place that talks HTTP to the control plane. Responses are checked against a schema
 * at this boundary, so a malformed body becomes a typed error instead of a broken screen.
 */
export class KumaClient {
  private readonly timeoutMs: number;
  private readonly limiter: RequestLimiter;
  /** The requests in flight, and whether the control plane answered the last one. */
  readonly watch: RequestWatch;

  constructor(private readonly options: KumaClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.watch = options.watch ?? new RequestWatch();
    this.limiter =
      options.maxConcurrent === undefined
        ? sameOriginRequests
        : new RequestLimiter(options.maxConcurrent);
  }

  private request(method: string, path: string, init: RequestOptions & { body?: unknown } = {}) {
    return this.limiter.run(() => this.send(method, path, init), init.signal, init.priority);
  }

  private async send(method: string, path: string, init: RequestOptions & { body?: unknown }) {
    const url = `${this.options.baseUrl}${path}${buildQuery(init.query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    // Started here, as the request leaves the queue: waiting for a slot is not the control
    // plane being slow.
    const timeout = (this.options.timeoutSignal ?? AbortSignal.timeout)(this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    let text: string;
    const ticket = this.watch.sent();
    try {
      response = await doFetch(url, {
        method,
        headers,
        signal,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      // The body is read here too: a connection dropped mid-body is a network error as well.
      text = await response.text();
    } catch (error) {
      if (init.signal?.aborted) {
        this.watch.settled(ticket, 'cancelled');
        throw error;
      }
      const timedOut = timeout.aborted;
      const failure = new KumaApiError({
        kind: timedOut ? 'timeout' : 'network',
        status: 0,
        path,
        message: timedOut
          ? `the control plane did not answer within ${Math.round(this.timeoutMs / 1000)} s`
          : 'the dashboard server could not be reached',
      });
      this.watch.settled(ticket, 'unreachable', failure.message);
      throw failure;
    }
    if (!response.ok) {
      // The dashboard's server says when the refusal was its own guard's, or its token's.
      const refused = response.headers.has('x-dashboard-guard')
        ? undefined
        : token
          ? 'tab'
          : response.headers.get('x-dashboard-token') === 'refused'
            ? 'server'
            : 'none';
      const failure = errorFromResponse(response.status, text, path, refused);
      // The dashboard's server answers 502/504 itself when the control plane does not.
      this.watch.settled(
        ticket,
        meansUnreachable(response.status) ? 'unreachable' : 'answered',
        failure.body?.detail ?? failure.message,
      );
      throw failure;
    }
    this.watch.settled(ticket, 'answered');
    return { response, text };
  }

  /** GET a JSON document, checked against `schema`. */
  async get<Schema extends z.ZodMiniType>(
    path: string,
    schema: Schema,
    options: RequestOptions = {},
  ): Promise<z.output<Schema>> {
    const { text } = await this.request('GET', path, options);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new KumaApiError({
        kind: 'malformed',
        status: 200,
        path,
        message: `the control plane answered ${path} with a body that is not JSON`,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KumaApiError({
        kind: 'malformed',
        status: 200,
        path,
        message: `unexpected response from ${path}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid shape'}`,
      });
    }
    return parsed.data;
  }

  /**
   * GET every item of a list, page by page: lists stop at `size` items (1000 at most), and a
   * mesh can hold more dataplanes than that.
   */
  async getAll<Item>(
    path: string,
    schema: z.ZodMiniType<ListResponse<Item>, unknown>,
    options: RequestOptions = {},
  ): Promise<Item[]> {
    const items: Item[] = [];
    // A resource created or deleted between two pages shifts the offsets: one may come twice.
    const seen = new Set<string>();
    let offset = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const list: ListResponse<Item> = await this.get(path, schema, {
        ...options,
        query: { ...options.query, size: PAGE_SIZE, offset },
      });
      offset += list.items.length;
      for (const item of list.items) {
        const key = resourceKey(item);
        if (key !== undefined && seen.has(key)) continue;
        if (key !== undefined) seen.add(key);
        items.push(item);
      }
      if (!list.next || list.items.length === 0 || offset >= list.total) return items;
    }
    return items;
  }

  /** GET a text document (Envoy stats and clusters). */
  async getText(path: string, options: RequestOptions = {}): Promise<string> {
    const { text } = await this.request('GET', path, options);
    return text;
  }

  async put(path: string, body: unknown): Promise<WriteResult> {
    const { response, text } = await this.request('PUT', path, { body });
    return {
      status: response.status,
      created: response.status === 201,
      warnings: warningsOf(text),
    };
  }

  async delete(path: string): Promise<WriteResult> {
    const { response, text } = await this.request('DELETE', path);
    return { status: response.status, created: false, warnings: warningsOf(text) };
  }
}

/** 2.10+ answers writes with `{}` or `{"warnings": [...]}`; earlier versions with nothing. */
function warningsOf(text: string): string[] {
  if (!text.trim()) return [];
  try {
    const parsed = JSON.parse(text) as { warnings?: unknown };
    return Array.isArray(parsed.warnings)
      ? parsed.warnings.filter((w): w is string => typeof w === 'string')
      : [];
  } catch {
    return [];
  }
}
