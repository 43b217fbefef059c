import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import { listenerStage } from './listener';
import { routeStage } from './route';
import { edgeRequest, edgeSetup } from './stage-fixtures';
import { stopped } from './trace';
import type { GatewayRequest } from './types';

function run(change: (mesh: MeshSnapshot) => void, overrides: Partial<GatewayRequest> = {}) {
  const { trace, snapshot, mesh, model, instance } = edgeSetup(change);
  const request = edgeRequest(overrides);
  const listener = listenerStage(trace, snapshot, mesh, model.gateway, request);
  if (stopped(listener)) throw new Error(listener.verdict.message);
  const routing = model.routingFor(instance);
  return routeStage(trace, mesh, model.gateway, instance, routing, listener.next, request);
}

const noHttpRoutes = (mesh: MeshSnapshot) => {
  mesh.httpRoutes = [];
};
const noRoutes = (mesh: MeshSnapshot) => {
  mesh.httpRoutes = [];
  mesh.tcpRoutes = [];
};

describe('routeStage', () => {
  it('hands the attached routes virtual hosts to the rule stage', () => {
    const stage = run(() => {});
    if (stopped(stage)) throw new Error(stage.verdict.message);
    expect(stage.next.virtualHosts.map((host) => host.hostname)).toEqual(['foo.example.com']);
    expect(stage.next.source.services).toEqual(['edge-gateway']);
  });

  it.each<[string, (mesh: MeshSnapshot) => void, Partial<GatewayRequest>, string, number, string]>([
    [
      'no route anywhere: Kuma 404 page',
      noRoutes,
      {},
      'no-route',
      404,
      'This is a Kuma MeshGateway',
    ],
    ['HTTP routes gone, TCP left: Envoy 404', noHttpRoutes, {}, 'no-route', 404, '404 Not Found'],
    [
      'TCP listener: its MeshTCPRoute carries the connection',
      () => {},
      { port: 6379 },
      'ok',
      200,
      'Connection proxied to redis',
    ],
    [
      'TCP listener without a MeshTCPRoute: reset',
      (mesh) => {
        mesh.tcpRoutes = [];
      },
      { port: 6379 },
      'connection-reset',
      0,
      'no MeshTCPRoute',
    ],
  ])('%s', (_label, change, overrides, kind, status, message) => {
    const stage = run(change, overrides);
    if (!stopped(stage)) throw new Error('the stage went on');
    expect([stage.verdict.kind, stage.verdict.status]).toEqual([kind, status]);
    expect(stage.verdict.message).toContain(message);
  });
});
