/**
 * Builds deterministic demo control planes and calls them the way a client of kuma-cp would:
 * `app.fetch(new Request('http://cp.test/...'))`, no port.
 */
import { expect } from 'vitest';
import type { InvalidParameter, KumaErrorBody } from '../../../src/kuma/types';
import { createDemoApp, type DemoApp } from '../app';
import { DEFAULT_OPTIONS, type DemoOptions, type ScenarioName } from '../options';
import { loadScenario } from '../scenarios';
import { World } from '../world';

export const BASE = 'http://cp.test';

/** A JSON body the tests read field by field; every field they rely on is asserted. */
// biome-ignore lint/suspicious/noExplicitAny: bodies are untyped wire data, checked by the assertions
export type Json = Record<string, any>;
export const START_TIME = Date.parse('2026-11-01T00:00:00Z');

export type WorldOptions = Partial<Omit<DemoOptions, 'scenario'>> & { scenario?: ScenarioName };

export function buildWorld(options: WorldOptions = {}): World {
  const scenario = options.scenario ?? 'mixed';
  const world = new World({
    ...DEFAULT_OPTIONS,
    seed: 7,
    startTime: START_TIME,
    kumaVersion: '2.14.3',
    ...options,
    scenario,
  });
  loadScenario(world, scenario);
  return world;
}

export interface Reply {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
  /** The parsed body; `undefined` when the body is empty or not JSON. */
  body: unknown;
}

export interface Cp {
  app: DemoApp;
  world: World;
  call: (method: string, path: string, body?: unknown, headers?: HeadersInit) => Promise<Reply>;
  get: (path: string) => Promise<Reply>;
  put: (path: string, body: unknown) => Promise<Reply>;
  del: (path: string) => Promise<Reply>;
  /** GET that must answer 200 with JSON; returns the body. */
  json: <T = Record<string, unknown>>(path: string) => Promise<T>;
  tick: (count?: number) => Promise<void>;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function cp(options: WorldOptions = {}): Cp {
  const world = buildWorld(options);
  const app = createDemoApp(world);
  const call: Cp['call'] = async (method, path, body, headers) => {
    const url = path.startsWith('http') ? path : `${BASE}${path}`;
    const init: RequestInit = { method, ...(headers ? { headers } : {}) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await app.fetch(new Request(url, init));
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      headers: response.headers,
      text,
      body: parse(text),
    };
  };
  const json = async <T>(path: string): Promise<T> => {
    const reply = await call('GET', path);
    expect(reply.status, `GET ${path}: ${reply.text.slice(0, 300)}`).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    return reply.body as T;
  };
  return {
    app,
    world,
    call,
    get: (path) => call('GET', path),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
    json,
    tick: async (count = 1) => {
      const reply = await call('POST', `/_demo/tick?count=${count}`);
      expect(reply.status).toBe(200);
    },
  };
}

export interface ListBody<T = Record<string, unknown>> {
  total: number;
  items: T[];
  next: string | null;
}

/** Asserts Kuma's error envelope (with the deprecated `details` / `causes` mirrors). */
export function expectKumaError(
  reply: Reply,
  expected: {
    status: number;
    title?: string;
    detail?: string | RegExp;
    invalidParameters?: InvalidParameter[];
  },
): KumaErrorBody {
  expect(reply.status, reply.text.slice(0, 500)).toBe(expected.status);
  expect(reply.contentType).toMatch(/^application\/json/);
  const body = reply.body as KumaErrorBody;
  expect(body.type).toBe('/std-errors');
  expect(body.status).toBe(expected.status);
  if (expected.title !== undefined) expect(body.title).toBe(expected.title);
  if (typeof expected.detail === 'string') expect(body.detail).toBe(expected.detail);
  else if (expected.detail) expect(body.detail).toMatch(expected.detail);
  expect(body.details).toBe(body.detail);
  if (expected.invalidParameters) {
    expect(body.invalid_parameters).toEqual(expected.invalidParameters);
    expect(body.causes).toEqual(
      expected.invalidParameters.map(({ field, reason }) => ({ field, message: reason })),
    );
  }
  return body;
}

/** kuma-cp's router on a path no route serves (a kind the release does not have): plain text. */
export function expectPageNotFound(reply: Reply): void {
  expect(reply.status, reply.text.slice(0, 500)).toBe(404);
  expect(reply.contentType).toMatch(/^text\/plain/);
  expect(reply.text).toBe('404: Page Not Found');
}

/** The one 400 a validation rule gives on PUT: `Resource is not valid` with exactly these parameters. */
export function expectInvalid(reply: Reply, invalidParameters: InvalidParameter[]): void {
  expectKumaError(reply, {
    status: 400,
    detail: 'Resource is not valid',
    invalidParameters,
  });
}

/** Every page of a list, following `next` links. */
export async function allPages<T>(client: Cp, path: string): Promise<{ pages: ListBody<T>[] }> {
  const pages: ListBody<T>[] = [];
  let next: string | null = path;
  while (next) {
    const page: ListBody<T> = await client.json<ListBody<T>>(next);
    pages.push(page);
    next = page.next;
    if (pages.length > 1000) throw new Error('next links never end');
  }
  return { pages };
}

export interface OverviewLike {
  dataplane: {
    networking: {
      gateway?: unknown;
      inbound?: { health?: { ready?: boolean }; state?: string }[];
    };
  };
  dataplaneInsight?: { subscriptions?: { connectTime?: string; disconnectTime?: string }[] };
}

/** kuma-api.md §8, written out independently of the demo: what kumactl and the GUI show. */
export function documentedStatus(
  overview: OverviewLike,
): 'online' | 'offline' | 'partially_degraded' {
  const subscriptions = overview.dataplaneInsight?.subscriptions ?? [];
  const connected = subscriptions.some((s) => Boolean(s.connectTime) && !s.disconnectTime);
  if (!connected) return 'offline';
  const { networking } = overview.dataplane;
  if (networking.gateway) return 'online';
  const inbounds = networking.inbound ?? [];
  const ready = inbounds.filter((i) => i.health?.ready !== false && i.state !== 'NotReady').length;
  if (ready === 0) return 'offline';
  return ready === inbounds.length ? 'online' : 'partially_degraded';
}

export function names(items: readonly unknown[]): string[] {
  return items.map((item) => (item as { name: string }).name);
}
