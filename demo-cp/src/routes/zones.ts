import type { Context, Hono } from 'hono';
import type { Zone, ZoneOverview } from '../../../src/kuma/types';
import { notFound } from '../errors';
import { json, nameContains, paginate, parsePage, requestUrl } from '../http';
import type { World, ZoneState } from '../world';
import { configBody } from './system';

function zone(_world: World, state: ZoneState): Zone {
  return {
    type: 'Zone',
    name: state.name,
    creationTime: state.connectTime,
    modificationTime: state.connectTime,
    enabled: true,
  };
}

function zoneOverview(world: World, state: ZoneState): ZoneOverview {
  const config = { ...configBody(world), mode: 'zone', multizone: { zone: { name: state.name } } };
  return {
    type: 'ZoneOverview',
    name: state.name,
    creationTime: state.connectTime,
    modificationTime: state.connectTime,
    zone: { enabled: true },
    zoneInsight: {
      subscriptions: [
        {
          id: `${state.name}-subscription`,
          globalInstanceId: world.instanceId,
          connectTime: state.connectTime,
          ...(state.connected ? {} : { disconnectTime: world.timestamp() }),
          status: {
            lastUpdateTime: world.timestamp(),
            total: { responsesSent: String(world.ticks) },
          },
          config: JSON.stringify(config),
          version: {
            kumaCp: {
              version: world.version.raw,
              gitTag: world.version.raw,
              kumaCpGlobalCompatible: true,
            },
          },
          generation: world.ticks,
        },
      ],
    },
  };
}

/** Zones exist on a global control plane; elsewhere the lists are empty. */
export function registerZoneRoutes(app: Hono, world: World): void {
  const list = (overview: boolean) => (c: Context) => {
    const url = requestUrl(c);
    const page = parsePage(world, url, 'Could not retrieve resources');
    const zones = nameContains(world.zones, url);
    const result = paginate(zones, page, url);
    return json({
      ...result,
      items: result.items.map((state) =>
        overview ? zoneOverview(world, state) : zone(world, state),
      ),
    });
  };
  const one = (overview: boolean) => (c: Context) => {
    const state = world.zones.find((candidate) => candidate.name === c.req.param('name'));
    if (!state) return notFound('Could not retrieve a resource');
    return json(overview ? zoneOverview(world, state) : zone(world, state));
  };
  app.get('/zones', list(false));
  app.get('/zones/_overview', list(true));
  app.get('/zones+insights', list(true));
  app.get('/zones/:name', one(false));
  app.get('/zones/:name/_overview', one(true));
  app.get('/zones+insights/:name', one(true));
}
