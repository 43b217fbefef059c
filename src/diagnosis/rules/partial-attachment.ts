/**
 * §6.2 item 3, per instance: a route whose targetRef tags select a listener on some of the
 * gateway's instances only. kuma-cp merges each proxy's own gateway tags into the listener tags
 * (generator.go), so instances with different tags (a zone, a version) get different routes, and
 * a request's outcome depends on the instance the load balancer picks. The mesh model lists such
 * routes per listener (`partial`); this turns them into a finding.
 */
import { gatewayId } from '../../topology/types';
import { describeListener } from '../../traffic/listener-selection';
import { makeFinding, routeFormKind } from '../finding';
import type { MeshModel } from '../model';
import type { Finding } from '../types';

export function routeOnSomeInstances(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const others = (names: readonly string[]) =>
      gateway.instances.map((instance) => instance.name).filter((name) => !names.includes(name));
    for (const listener of gateway.listeners) {
      for (const partial of listener.partial) {
        const subject = { type: partial.kind, mesh: model.name, name: partial.route.name };
        const missing = others(partial.instances);
        findings.push(
          makeFinding({
            rule: 'route-on-some-instances',
            severity: 'warning',
            mesh: model.name,
            subject,
            qualifier: `listener-${listener.entry.index}`,
            related: [{ type: 'MeshGateway', mesh: model.name, name: gateway.gateway.name }],
            nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
            title: `${partial.kind} "${partial.route.name}" attaches to ${describeListener(listener.entry)} of MeshGateway "${gateway.gateway.name}" on some instances only`,
            symptom: `Requests that the load balancer sends to ${missing.join(', ')} do not get this route's rules; the same request succeeds or fails depending on the instance.`,
            evidence: [
              partial.reason,
              `Listener tags every instance carries: ${JSON.stringify(listener.tags)}; targetRef tags of the route: ${JSON.stringify(partial.route.spec?.targetRef?.tags ?? {})}.`,
            ],
            fix: `Give the route targetRef tags every instance of "${gateway.gateway.name}" carries (or none), or put the instances that should differ behind a MeshGateway of their own.`,
            // The first fix named is the route's targetRef tags: its form.
            fixAction: {
              kind: 'edit-route',
              mesh: model.name,
              name: partial.route.name,
              routeKind: routeFormKind(partial.kind),
              gateway: gateway.gateway.name,
            },
          }),
        );
      }
    }
  }
  return findings;
}
