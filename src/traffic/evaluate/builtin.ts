/**
 * A request through a built-in gateway, stage by stage: gateway → instances → configuration →
 * listener → route → rule → backends (endpoints, permission). Each stage either ends the trace
 * or hands what it found to the next.
 */
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { evaluateBackends } from './backends';
import { configurationStage, gatewayStage, instancesStep } from './gateway';
import { listenerStage } from './listener';
import { routeStage } from './route';
import { ruleStage } from './rule';
import { findMesh, missingMesh, stopped, Trace } from './trace';
import type { GatewayRequest, TraceResult } from './types';

export function evaluateBuiltin(
  snapshot: ControlPlaneSnapshot,
  request: GatewayRequest,
  ref: { mesh: string; name: string },
): TraceResult {
  const trace = new Trace();
  const mesh = findMesh(snapshot, ref.mesh);
  if (!mesh) return missingMesh(trace, ref.mesh, snapshot);
  const found = gatewayStage(trace, mesh, ref);
  if (stopped(found)) return found;
  const model = found.next;
  const { gateway } = model;
  const { instance, result } = instancesStep(trace, mesh, model);
  if (result || !instance)
    return result ?? trace.finish({ status: 0, kind: 'connection-refused', message: '' });
  const configured = configurationStage(trace, mesh, model, instance);
  if (stopped(configured)) return configured;
  const routing = configured.next;
  const listener = listenerStage(trace, snapshot, mesh, gateway, request);
  if (stopped(listener)) return listener;
  const routes = routeStage(trace, mesh, gateway, instance, routing, listener.next, request);
  if (stopped(routes)) return routes;
  const { virtualHosts, source } = routes.next;
  const rule = ruleStage(trace, mesh, gateway, listener.next, virtualHosts, request);
  if (stopped(rule)) return rule;
  const { matched, parsed } = rule.next;
  const verdict = evaluateBackends(
    trace,
    mesh,
    matched.backendRefs,
    source,
    'http',
    (service) =>
      `200: ${parsed.method} ${parsed.path} reaches ${service} through MeshGateway "${gateway.name}".`,
  );
  return trace.finish(verdict);
}
