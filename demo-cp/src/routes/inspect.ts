import type { Context, Hono } from 'hono';
import type {
  Dataplane,
  GatewayDataplanesResponse,
  InspectRulesResponse,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
} from '../../../src/kuma/types';
import { isAtLeast } from '../../../src/kuma/version';
import { tagSelectorMatches } from '../../../src/traffic/gateway-binding';
import { renderClustersJson, renderClustersText } from '../envoy/clusters';
import { renderConfigDump } from '../envoy/config-dump';
import { renderStatsJson, renderStatsText } from '../envoy/stats';
import { errorResponse, kumaError, notFound } from '../errors';
import { json, text } from '../http';
import type { TrafficSimulator } from '../traffic';
import { proxyKey, type World } from '../world';

/** The MeshHTTPRoutes / MeshTCPRoutes that target a gateway, as `_rules` groups them. */
function gatewayRules(world: World, gateway: MeshGateway): InspectRulesResponse {
  const rules: InspectRulesResponse['rules'] = [];
  for (const type of ['MeshHTTPRoute', 'MeshTCPRoute'] as const) {
    const routes = (
      world.store.list(type, gateway.mesh) as unknown as (MeshHTTPRoute | MeshTCPRoute)[]
    ).filter(
      (route) =>
        route.spec.targetRef?.kind === 'MeshGateway' && route.spec.targetRef.name === gateway.name,
    );
    if (routes.length === 0) continue;
    rules.push({
      type,
      toRules: routes.map((route) => ({
        conf: route.spec.to?.map((to) => ({
          hostnames: 'hostnames' in to ? to.hostnames : undefined,
          rules: to.rules,
        })),
        matchers: Object.entries(route.spec.targetRef?.tags ?? {}).map(([key, value]) => ({
          key,
          value,
          not: false,
        })),
        origin: [{ type, mesh: route.mesh, name: route.name }],
      })),
      warnings: [],
    });
  }
  return {
    resource: {
      type: 'MeshGateway',
      mesh: gateway.mesh,
      name: gateway.name,
      ...(gateway.labels ? { labels: gateway.labels } : {}),
    },
    httpMatches: [],
    rules,
  };
}

export function registerInspectRoutes(app: Hono, world: World, traffic: TrafficSimulator): void {
  const builtin = world.version.major < 3;

  if (builtin) {
    app.get('/meshes/:mesh/meshgateways/:name/dataplanes', (c) => {
      const gateway = world.store.get('MeshGateway', c.req.param('mesh'), c.req.param('name')) as
        | MeshGateway
        | undefined;
      if (!gateway) return notFound('Could not retrieve MeshGateway');
      const items = world
        .dataplanes(gateway.mesh)
        .filter((dataplane) => dataplane.networking.gateway?.type === 'BUILTIN')
        .filter((dataplane) =>
          (gateway.selectors ?? []).some((selector) =>
            tagSelectorMatches(selector.match, dataplane.networking.gateway?.tags),
          ),
        )
        .map((dataplane) => ({ dataplane: { mesh: dataplane.mesh, name: dataplane.name } }));
      const body: GatewayDataplanesResponse = { total: items.length, items };
      return json(body);
    });
    app.get('/meshes/:mesh/meshgateways/:name/_rules', (c) => {
      const gateway = world.store.get('MeshGateway', c.req.param('mesh'), c.req.param('name')) as
        | MeshGateway
        | undefined;
      if (!gateway) return notFound('Could not retrieve MeshGateway');
      return json(gatewayRules(world, gateway));
    });
  }

  app.get('/meshes/:mesh/dataplanes/:name/_rules', (c) => {
    const dataplane = world.store.get('Dataplane', c.req.param('mesh'), c.req.param('name')) as
      | Dataplane
      | undefined;
    if (!dataplane) return notFound('Could not retrieve Dataplane');
    const body: InspectRulesResponse = {
      resource: { type: 'Dataplane', mesh: dataplane.mesh, name: dataplane.name },
      httpMatches: [],
      rules: [],
    };
    return json(body);
  });

  const envoyAdmin = (kind: 'stats' | 'clusters' | 'xds') => (c: Context) => {
    const mesh = c.req.param('mesh') ?? '';
    const name = c.req.param('name') ?? '';
    const dataplane = world.store.get('Dataplane', mesh, name) as Dataplane | undefined;
    if (!dataplane) return notFound('Could not execute admin operation');
    const proxy = world.proxies.get(proxyKey(mesh, name));
    const snapshot = traffic.snapshot(world.servedDataplane(dataplane));
    if (!proxy?.connected || !snapshot) {
      return errorResponse(
        kumaError(
          400,
          'Could not execute admin operation',
          `Dataplane ${name} in mesh ${mesh} is not connected to the control plane`,
        ),
      );
    }
    const asJson = c.req.query('format') === 'json' && isAtLeast(world.version, 2, 7);
    if (kind === 'stats') {
      const usedOnly = c.req.query('usedonly') !== 'false' || !isAtLeast(world.version, 2, 14);
      return asJson
        ? json(renderStatsJson(snapshot, { usedOnly }))
        : text(renderStatsText(snapshot, { usedOnly }));
    }
    if (kind === 'clusters')
      return asJson ? json(renderClustersJson(snapshot)) : text(renderClustersText(snapshot));
    const includeEds = c.req.query('include_eds') === 'true' && isAtLeast(world.version, 2, 7);
    return json(renderConfigDump(snapshot, { includeEds }));
  };
  app.get('/meshes/:mesh/dataplanes/:name/stats', envoyAdmin('stats'));
  app.get('/meshes/:mesh/dataplanes/:name/clusters', envoyAdmin('clusters'));
  app.get('/meshes/:mesh/dataplanes/:name/xds', envoyAdmin('xds'));
}
