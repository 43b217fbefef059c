import { describe, expect, it } from 'vitest';
import {
  cpSnapshot,
  DISCONNECTED,
  delegatedGatewayDp,
  meshSnapshot,
  sidecarDp,
} from '../test-fixtures';
import { evaluateDelegated, evaluateServiceCall } from './delegated';
import type { GatewayRequest } from './types';

function snapshot(online = true, tagged = true) {
  const kong = delegatedGatewayDp('kong-1', 'kong', [
    { port: 10001, tags: { 'kuma.io/service': 'backend' } },
  ]);
  if (!online) kong.dataplaneInsight = DISCONNECTED;
  if (!tagged) delete kong.dataplane.networking.gateway?.tags;
  return cpSnapshot(
    meshSnapshot({ dataplanes: [kong, sidecarDp('backend-1', [{ service: 'backend' }])] }),
  );
}

const request = (service: string, overrides: Partial<GatewayRequest> = {}): GatewayRequest => ({
  gateway: { mesh: 'default', delegatedService: service },
  scheme: 'http',
  host: 'backend.mesh',
  port: 80,
  path: '/',
  method: 'GET',
  headers: {},
  ...overrides,
});

describe('evaluateDelegated', () => {
  it.each([
    ['the outbound named in the host', snapshot(), 'kong', {}, 'ok', 200],
    [
      'the x-kuma-service header wins',
      snapshot(),
      'kong',
      { host: 'x', headers: { 'X-Kuma-Service': 'backend' } },
      'ok',
      200,
    ],
    ['no target service', snapshot(), 'kong', { host: 'elsewhere' }, 'no-route', 404],
    ['every proxy offline', snapshot(false), 'kong', {}, 'connection-refused', 0],
    ['no such gateway', snapshot(), 'nobody', {}, 'connection-refused', 0],
    [
      'a proxy without service tag goes by its name',
      snapshot(true, false),
      'kong-1',
      {},
      'ok',
      200,
    ],
  ] as const)('%s', (_label, cp, service, overrides, kind, status) => {
    const gateway = { mesh: 'default', delegatedService: service };
    const result = evaluateDelegated(cp, request(service, overrides), gateway);
    expect([result.verdict.kind, result.verdict.status]).toEqual([kind, status]);
  });
});

describe('evaluateServiceCall', () => {
  it.each([
    ['kong-1', 'backend', 'ok'],
    ['ghost', 'backend', 'connection-refused'],
    ['kong-1', '', 'unresolved-backend'],
  ])('%s → %s: %s', (dataplane, service, kind) => {
    const result = evaluateServiceCall(snapshot(), { mesh: 'default', dataplane }, { service });
    expect(result.verdict.kind).toBe(kind);
  });
});
