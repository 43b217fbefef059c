/**
 * One way to call "a Kuma API", so the same request sequence can go to the demo control plane
 * (in process, no port) and to a real kuma-cp (over HTTP on loopback).
 */
import { createDemoApp } from '../demo-cp/src/app';
import { DEFAULT_OPTIONS, type DemoOptions } from '../demo-cp/src/options';
import { loadScenario } from '../demo-cp/src/scenarios';
import { World } from '../demo-cp/src/world';

export interface ApiReply {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
}

export interface ApiTarget {
  label: string;
  call: (method: string, path: string, body?: unknown) => Promise<ApiReply>;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requestInit(method: string, body: unknown): RequestInit {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return init;
}

async function reply(response: Response): Promise<ApiReply> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    body: parseJson(text),
  };
}

/** Status 0 stands for "no HTTP answer": the server dropped the connection. */
export const NO_ANSWER = 0;

export function httpTarget(label: string, baseUrl: string): ApiTarget {
  return {
    label,
    call: async (method, path, body) => {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, requestInit(method, body));
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        const text = `no answer: ${cause?.code ?? (error as Error).message}`;
        return { status: NO_ANSWER, contentType: null, text, body: undefined };
      }
      return reply(response);
    },
  };
}

export interface DemoTargetOptions {
  version: string;
  mode?: DemoOptions['mode'];
  /** A federated zone's name (`multizone.zone.name`); kuma-cp's `default` otherwise. */
  zone?: string;
  label?: string;
  /** `fresh` mirrors a kuma-cp that has just started. */
  scenario?: DemoOptions['scenario'];
}

/**
 * The demo as a fresh kuma-cp without any kuma-dp: no simulated proxies, no ticks, so every
 * dataplane is offline, exactly as on a real control plane nobody connected to.
 */
export function demoTarget(options: DemoTargetOptions): ApiTarget & { world: World } {
  const world = new World({
    ...DEFAULT_OPTIONS,
    kumaVersion: options.version,
    mode: options.mode ?? 'standalone',
    zone: options.zone ?? 'default',
    scenario: options.scenario ?? 'fresh',
    simulateProxies: false,
  });
  loadScenario(world, options.scenario ?? 'fresh');
  const app = createDemoApp(world);
  return {
    label: options.label ?? 'demo',
    world,
    call: async (method, path, body) =>
      reply(
        await app.fetch(new Request(`http://127.0.0.1:5681${path}`, requestInit(method, body))),
      ),
  };
}
