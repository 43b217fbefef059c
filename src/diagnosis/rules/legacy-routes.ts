/**
 * §6.2 rule 12: legacy MeshGatewayRoutes silently overridden. If any MeshHTTPRoute serves a
 * gateway proxy, Kuma skips MeshGatewayRoute config for its HTTP/HTTPS listeners; the same holds
 * for MeshTCPRoute and TCP/TLS (`pkg/plugins/runtime/gateway/generator.go`).
 *
 * MeshGatewayRoutes are not part of `MeshSnapshot`: the rule reads the optional `gatewayRoutes`
 * of a `DiagnosisMeshSnapshot` (fetched from `/meshes/{mesh}/meshgatewayroutes`) and finds
 * nothing without them.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { ResourceMeta, Tags } from '../../kuma/types';
import { gatewayId } from '../../topology/types';
import { tagSelectorMatches } from '../../traffic/gateway-binding';
import { describeListener } from '../../traffic/listener-selection';
import { formatTags, makeFinding } from '../finding';
import type { ListenerModel, MeshModel } from '../model';
import type { Finding } from '../types';

/** Legacy gateway route (deprecated since 2.6, removed in 3.0); flat like every legacy resource. */
export interface MeshGatewayRoute extends ResourceMeta {
  type: 'MeshGatewayRoute';
  mesh: string;
  selectors?: { match?: Tags }[];
  conf?: { http?: Record<string, unknown>; tcp?: Record<string, unknown> };
}

/** A MeshSnapshot that may also carry the mesh's legacy MeshGatewayRoutes. */
export interface DiagnosisMeshSnapshot extends MeshSnapshot {
  gatewayRoutes?: MeshGatewayRoute[];
}

function selectedListeners(route: MeshGatewayRoute, listeners: readonly ListenerModel[]) {
  return listeners.filter((listener) =>
    (route.selectors ?? []).some(
      (selector) =>
        Object.keys(selector?.match ?? {}).length > 0 &&
        tagSelectorMatches(selector?.match, listener.tags),
    ),
  );
}

export function legacyRoutesOverridden(model: MeshModel): Finding[] {
  const routes = (model.mesh as DiagnosisMeshSnapshot).gatewayRoutes ?? [];
  const findings: Finding[] = [];
  for (const route of routes) {
    for (const gateway of model.builtin) {
      const selected = selectedListeners(route, gateway.listeners);
      if (selected.length === 0) continue;
      const families = [
        { family: 'http' as const, present: Boolean(route.conf?.http), kind: 'MeshHTTPRoute' },
        { family: 'tcp' as const, present: Boolean(route.conf?.tcp), kind: 'MeshTCPRoute' },
      ];
      for (const { family, present, kind } of families) {
        if (!present) continue;
        const listeners = selected.filter((listener) => listener.family === family);
        if (listeners.length === 0) continue;
        const overriding = [
          ...new Set(
            gateway.listeners.flatMap((listener) =>
              (family === 'http' ? listener.routes.attachedHttp : listener.routes.attachedTcp).map(
                (r) => r.name,
              ),
            ),
          ),
        ].sort();
        if (overriding.length === 0) continue;
        const name = gateway.gateway.name;
        findings.push(
          makeFinding({
            rule: 'legacy-routes-overridden',
            severity: 'warning',
            mesh: model.name,
            subject: { type: 'MeshGatewayRoute', mesh: model.name, name: route.name },
            qualifier: `${name}:${family}`,
            related: [
              { type: 'MeshGateway', mesh: model.name, name },
              ...overriding.map((r) => ({ type: kind, mesh: model.name, name: r })),
            ],
            nodeIds: [gatewayId(model.name, 'builtin', name)],
            title: `MeshGatewayRoute "${route.name}" is ignored on MeshGateway "${name}": ${kind}s take over its ${family === 'http' ? 'HTTP/HTTPS' : 'TCP/TLS'} listeners`,
            symptom:
              family === 'http'
                ? `The HTTP rules of "${route.name}" vanish from the gateway: requests they used to route go to the ${kind} rules or get Envoy's own empty 404.`
                : `The TCP rules of "${route.name}" vanish from the gateway: connections they used to carry go to the ${kind} rules or are reset.`,
            evidence: [
              `MeshGatewayRoute "${route.name}" selects ${listeners.map((l) => describeListener(l.entry)).join(', ')} of "${name}" (selectors ${(route.selectors ?? []).map((s) => formatTags(s?.match)).join(', ')}).`,
              `${kind} ${overriding.map((r) => `"${r}"`).join(', ')} ${overriding.length === 1 ? 'is' : 'are'} attached to the same gateway, so Kuma skips MeshGatewayRoute config for its ${family === 'http' ? 'HTTP/HTTPS' : 'TCP/TLS'} listeners.`,
            ],
            fix: `Move the rules of MeshGatewayRoute "${route.name}" into ${kind} ${overriding[0] ? `"${overriding[0]}"` : ''} (or a new ${kind} targeting MeshGateway "${name}") and delete the MeshGatewayRoute; MeshGatewayRoute is deprecated and removed in 3.0.`,
            fixAction: overriding[0]
              ? {
                  kind: 'edit-route',
                  mesh: model.name,
                  name: overriding[0],
                  routeKind: family,
                  gateway: name,
                }
              : { kind: 'new-route', mesh: model.name, name, routeKind: family },
          }),
        );
      }
    }
  }
  return findings;
}
