import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import { listenerStage } from './listener';
import { routeStage } from './route';
import { ruleStage } from './rule';
import { edgeRequest, edgeSetup } from './stage-fixtures';
import { stopped } from './trace';
import type { GatewayRequest } from './types';

function run(overrides: Partial<GatewayRequest>, change: (mesh: MeshSnapshot) => void = () => {}) {
  const { trace, snapshot, mesh, model, instance } = edgeSetup(change);
  const request = edgeRequest(overrides);
  const listener = listenerStage(trace, snapshot, mesh, model.gateway, request);
  if (stopped(listener)) throw new Error(listener.verdict.message);
  const routes = routeStage(
    trace,
    mesh,
    model.gateway,
    instance,
    model.routingFor(instance),
    listener.next,
    request,
  );
  if (stopped(routes)) throw new Error(routes.verdict.message);
  return ruleStage(trace, mesh, model.gateway, listener.next, routes.next.virtualHosts, request);
}

describe('ruleStage', () => {
  it.each([
    ['/api/users', 'backend'],
    ['/', 'frontend'],
    ['/anything', 'frontend'],
  ])('%s matches the rule sending to %s', (path, service) => {
    const stage = run({ path });
    if (stopped(stage)) throw new Error(stage.verdict.message);
    expect(stage.next.matched.backendRefs.map((ref) => ref.name)).toEqual([service]);
    expect(stage.next.parsed.path).toBe(path);
  });

  it('a RequestRedirect ends the trace with its status', () => {
    const stage = run({ path: '/' }, (mesh) => {
      const rule = mesh.httpRoutes[0]?.spec?.to?.[0]?.rules?.[1];
      if (rule)
        rule.default = {
          filters: [
            { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
          ],
        };
    });
    if (!stopped(stage)) throw new Error('the stage went on');
    expect([stage.verdict.kind, stage.verdict.status]).toEqual(['ok', 301]);
    expect(stage.verdict.message).toBe(
      '301 redirect to https://foo.example.com (RequestRedirect filter; no backend is called).',
    );
  });

  it('no rule for the path: a plain 404 naming the rules tried', () => {
    const stage = run({ path: '/x' }, (mesh) => {
      const to = mesh.httpRoutes[0]?.spec?.to?.[0];
      if (to) to.rules = to.rules?.slice(0, 1);
    });
    if (!stopped(stage)) throw new Error('the stage went on');
    expect([stage.verdict.kind, stage.verdict.status]).toEqual(['no-route', 404]);
    expect(stage.steps.at(-1)?.detail).toMatch(
      /Rules tried in order: "edge-http" PathPrefix \/api/,
    );
  });
});
