import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { InvalidParameter, Zone, ZoneOverview } from '../../../src/kuma/types';
import { validateResourceName } from '../../../src/kuma/validation';
import { KumaHttpError, kumaError, notFound } from '../errors';
import { json, nameContains, paginate, parsePage, requestUrl } from '../http';
import { isReadOnly, resourceTypes } from '../personality';
import type { World, ZoneState } from '../world';
import { badRequest, methodNotAllowed, readBody, writeSucceeded } from './resources';
import { configBody } from './system';

/** What a PUT of a Zone may carry (protojson rejects unknown fields). */
const zoneSchema = z.strictObject({
  type: z.string(),
  name: z.string(),
  enabled: z.boolean().optional(),
  creationTime: z.string().optional(),
  modificationTime: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  kri: z.string().optional(),
});

function zone(_world: World, state: ZoneState): Zone {
  return {
    type: 'Zone',
    name: state.name,
    creationTime: state.connectTime,
    modificationTime: state.connectTime,
    enabled: state.enabled ?? true,
  };
}

function zoneOverview(world: World, state: ZoneState): ZoneOverview {
  const config = { ...configBody(world), mode: 'zone', multizone: { zone: { name: state.name } } };
  return {
    type: 'ZoneOverview',
    name: state.name,
    creationTime: state.connectTime,
    modificationTime: state.connectTime,
    zone: { enabled: state.enabled ?? true },
    // A zone created through the API has never had a zone control plane connect.
    zoneInsight: state.detached
      ? {}
      : {
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

/** PUT /zones/{name}: read-only check, body, path/body agreement and name, then upsert. */
async function putZone(world: World, name: string, request: Request): Promise<Response> {
  const type = resourceTypes(world.personality).find((candidate) => candidate.name === 'Zone');
  if (!type) return notFound('Could not process a resource');
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  let body: unknown;
  try {
    body = JSON.parse(await readBody(request));
  } catch (error) {
    throw badRequest(`invalid Zone object: ${JSON.stringify((error as Error).message)}`);
  }
  const parsed = zoneSchema.safeParse(body);
  if (!parsed.success) {
    throw badRequest(
      `invalid Zone object: ${JSON.stringify(parsed.error.issues[0]?.message ?? 'invalid')}`,
    );
  }
  const existing = world.zones.find((zone) => zone.name === name);
  const violations: InvalidParameter[] = [];
  if (parsed.data.name !== name) {
    violations.push({ field: 'name', reason: 'name from the URL has to be the same as in body' });
  }
  if (parsed.data.type !== 'Zone') {
    violations.push({ field: 'type', reason: 'type from the URL has to be the same as in body' });
  }
  if (!existing) {
    violations.push(
      ...validateResourceName(name).map(({ field, message }) => ({ field, reason: message })),
    );
  }
  if (violations.length > 0) {
    throw new KumaHttpError(
      kumaError(400, 'Could not process a resource', 'Resource is not valid', violations),
    );
  }
  // `enabled` is a BoolValue: left out, the zone is enabled.
  const enabled = parsed.data.enabled ?? true;
  if (existing) {
    existing.enabled = enabled;
    return writeSucceeded(world, 200);
  }
  world.zones.push({
    name,
    connected: false,
    connectTime: world.timestamp(),
    enabled,
    detached: true,
  });
  world.zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return writeSucceeded(world, 201);
}

function deleteZone(world: World, name: string): Response {
  const type = resourceTypes(world.personality).find((candidate) => candidate.name === 'Zone');
  if (!type) return notFound('Could not delete a resource');
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  const index = world.zones.findIndex((zone) => zone.name === name);
  if (index < 0) return notFound('Could not delete a resource');
  world.zones.splice(index, 1);
  return writeSucceeded(world, 200);
}

/** Zones exist on a global control plane; elsewhere the lists are empty. */
export function registerZoneRoutes(app: Hono, world: World): void {
  const list = (overview: boolean) => (c: Context) => {
    const url = requestUrl(c);
    const page = parsePage(world, url, 'Could not retrieve resources');
    const zones = nameContains(world.zones, url);
    const result = paginate(world, zones, page, url, 'Could not retrieve resources');
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
  app.put('/zones/:name', (c) => putZone(world, c.req.param('name'), c.req.raw));
  app.delete('/zones/:name', (c) => deleteZone(world, c.req.param('name')));
}
