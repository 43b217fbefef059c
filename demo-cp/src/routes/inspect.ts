import type { Context, Hono } from 'hono';
import type {
  Dataplane,
  GatewayDataplanesResponse,
  InspectRulesResponse,
  MeshGateway,
} from '../../../src/kuma/types';
import { isAtLeast } from '../../../src/kuma/version';
import { tagSelectorMatches } from '../../../src/traffic/gateway-binding';
import { renderClustersJson, renderClustersText } from '../envoy/clusters';
import { renderConfigDump } from '../envoy/config-dump';
import { renderStatsJson, renderStatsText } from '../envoy/stats';
import { errorResponse, kumaError, notFound } from '../errors';
import { json, text } from '../http';
import { computeGatewayRules, GatewayRulesError } from '../rules/gateway-rules';
import type { MeshResources } from '../rules/model';
import type { StoredResource } from '../store';
import type { TrafficSimulator } from '../traffic';
import { proxyKey, type World } from '../world';

/** The mesh's resources as kuma-cp's base mesh context holds them, for the rules engine. */
function meshResources(world: World, mesh: StoredResource): MeshResources {
  return { mesh, list: (type) => world.store.list(type, mesh.name) };
}

/** `_rules` of a MeshGateway, as kuma-cp computes it (see `../rules`). */
function gatewayRules(world: World, gateway: MeshGateway): Response {
  const mesh = world.store.get('Mesh', undefined, gateway.mesh);
  if (!mesh) return notFound('Failed to retrieve Mesh');
  try {
    const body = computeGatewayRules(
      world.version,
      gateway as unknown as StoredResource,
      meshResources(world, mesh),
    );
    return json(body as InspectRulesResponse);
  } catch (error) {
    if (!(error instanceof GatewayRulesError)) throw error;
    return errorResponse(kumaError(500, 'Invalid MeshGateway', 'Internal Server Error'));
  }
}

export function registerInspectRoutes(app: Hono, world: World, traffic: TrafficSimulator): void {
  const builtin = world.version.major < 3;

  if (builtin) {
    app.get('/meshes/:mesh/meshgateways/:name/dataplanes', (c) => {
      const gateway = world.store.get('MeshGateway', c.req.param('mesh'), c.req.param('name')) as
        | MeshGateway
        | undefined;
      if (!gateway) return notFound('Could not find MeshGateway');
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
      const mesh = c.req.param('mesh');
      // From 2.7 the mesh is looked up first.
      if (isAtLeast(world.version, 2, 7) && !world.store.get('Mesh', undefined, mesh)) {
        return notFound('Failed to retrieve Mesh');
      }
      const gateway = world.store.get('MeshGateway', mesh, c.req.param('name')) as
        | MeshGateway
        | undefined;
      if (!gateway) return notFound('Could not retrieve MeshGateway');
      return gatewayRules(world, gateway);
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
