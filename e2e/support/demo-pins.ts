import type { APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';

/**
 * The demo's churn takes proxies down and inbounds out of readiness at random, tick after tick:
 * a test whose verdict needs a service up pins its proxies (`/_demo/proxies`) and lets them go
 * after. Pinning some proxies changes which ones the seeded churn picks next, so a test pins
 * every service its verdict passes through.
 */
export const UP = { connected: true };
export const UP_AND_READY = { connected: true, inboundsReady: [true] };

export type ProxyPin = readonly [name: string, state: typeof UP | typeof UP_AND_READY];

/** `mixed`'s edge gateway proxies kept connected, for a trace through `edge-gateway`. */
export const EDGE_GATEWAYS_UP: readonly ProxyPin[] = [
  ['edge-gateway-1', UP],
  ['edge-gateway-2', UP],
];

export async function pinProxies(
  request: APIRequestContext,
  mesh: string,
  pins: readonly ProxyPin[],
): Promise<void> {
  for (const [proxy, data] of pins)
    expect((await request.put(`/api/_demo/proxies/${mesh}/${proxy}`, { data })).ok()).toBe(true);
}

export async function releaseProxies(
  request: APIRequestContext,
  mesh: string,
  pins: readonly ProxyPin[],
): Promise<void> {
  for (const [proxy] of pins)
    await request.put(`/api/_demo/proxies/${mesh}/${proxy}`, { data: { release: true } });
}

/** Runs `body` with `pins` held, then lets them go, whatever `body` did. */
export async function whilePinned(
  request: APIRequestContext,
  mesh: string,
  pins: readonly ProxyPin[],
  body: () => Promise<void>,
): Promise<void> {
  try {
    await pinProxies(request, mesh, pins);
    await body();
  } finally {
    await releaseProxies(request, mesh, pins);
  }
}
