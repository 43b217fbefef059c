import type { Context, Hono } from 'hono';
import type { InvalidParameter } from '../../../src/kuma/types';
import { goQuote, validateWriteRequest } from '../../../src/kuma/validation';
import { GoJsonError, parseGoJson, type RawValue } from '../../../src/kuma/validation/wire/go-json';
import { decodeGo, go } from '../../../src/kuma/validation/wire/go-struct';
import { decodeMessage, proto } from '../../../src/kuma/validation/wire/jsonpb';
import { isAtLeast } from '../../../src/kuma/version';
import { KumaHttpError, kumaError, notFound } from '../errors';
import { json, nameContains, paginate, parsePage, requestUrl } from '../http';
import { isFederatedZone, isReadOnly, type ResourceType, resourceTypes } from '../personality';
import type { StoredResource } from '../store';
import { computedLabels, kriOf } from '../stored-form';
import type { World, ZoneLink, ZoneState } from '../world';
import { badRequest, labelFilter, methodNotAllowed, readBody, writeSucceeded } from './resources';

/** `system.v1alpha1.Zone`: a BoolValue, so `"yes"` and `1` are errors and `null` is unset. */
const ZONE_SPEC = proto.message('kuma.system.v1alpha1.Zone', [proto.field('enabled', 'BoolValue')]);

/** Kuma's REST `ResourceMeta`, which a legacy body is read into with `encoding/json` first. */
const RESOURCE_META = go.struct('ResourceMeta', [
  go.field('type', go.string()),
  go.field('mesh', go.string(), true),
  go.field('name', go.string()),
  go.field('creationTime', go.time()),
  go.field('modificationTime', go.time()),
  go.field('labels', go.map(go.string()), true),
]);

/** The git tag and commit of the releases the demo knows builds of; others get their version. */
const KNOWN_BUILDS: Record<string, { gitTag: string; gitCommit: string }> = {
  '2.6.15': { gitTag: '2.6.15', gitCommit: '93cf348759b2a0ae631431428702fb670d5bc761' },
  '2.14.3': { gitTag: 'v2.14.3', gitCommit: '0c7aaec033b7dad03c3a9f4d5b56eb6d941bfff9' },
};

function kumaCpVersion(version: string) {
  const build = KNOWN_BUILDS[version] ?? { gitTag: version, gitCommit: '' };
  return {
    version,
    gitTag: build.gitTag,
    ...(build.gitCommit ? { gitCommit: build.gitCommit } : {}),
    buildDate: '2026-08-10T00:00:00Z',
    kumaCpGlobalCompatible: true,
  };
}

function zoneType(world: World): ResourceType | undefined {
  return resourceTypes(world.personality).find((candidate) => candidate.name === 'Zone');
}

function meta(world: World, state: ZoneState, type: 'Zone' | 'ZoneOverview') {
  const zone = zoneType(world);
  const kri =
    zone && isAtLeast(world.version, 2, 14)
      ? kriOf(zone, { name: state.name, labels: state.labels })
      : undefined;
  return {
    type,
    name: state.name,
    creationTime: state.creationTime,
    modificationTime: state.modificationTime,
    ...(state.labels ? { labels: state.labels } : {}),
    ...(kri ? { kri } : {}),
  };
}

function zone(world: World, state: ZoneState) {
  return {
    ...meta(world, state, 'Zone'),
    ...(state.enabled === undefined ? {} : { enabled: state.enabled }),
  };
}

/** Per type, the responses of one stream; every one acknowledged (no NACKs in the demo). */
function streamStatus(link: ZoneLink) {
  const counters = (sent: number) => ({
    responsesSent: String(sent),
    responsesAcknowledged: String(sent),
  });
  const total = Object.values(link.sent).reduce((sum, sent) => sum + sent, 0);
  return {
    lastUpdateTime: link.lastUpdateTime,
    total: counters(total),
    stat: Object.fromEntries(
      Object.keys(link.sent)
        .sort()
        .map((type) => [type, counters(link.sent[type]!)]),
    ),
  };
}

/**
 * The ZoneInsight: on a global, the stream to the zone (with the zone CP's config and the
 * streams it opened for Envoy admin and KDS); on a zone, its own stream to the global.
 */
function zoneInsight(world: World, state: ZoneState) {
  const link = state.link;
  if (!link) return {};
  const onZone = isFederatedZone(world.personality);
  const subscription = {
    id: link.subscriptionId,
    globalInstanceId: link.globalInstanceId,
    connectTime: link.connectTime,
    ...(link.disconnectTime ? { disconnectTime: link.disconnectTime } : {}),
    status: streamStatus(link),
    version: { kumaCp: kumaCpVersion(link.zoneVersion) },
    ...(onZone ? { generation: 1 } : { config: JSON.stringify(link.zoneConfig) }),
    zoneInstanceId: link.zoneInstanceId,
  };
  if (onZone) return { subscriptions: [subscription] };
  const global = link.globalInstanceId;
  const stream = { globalInstanceId: global, connectTime: link.connectTime };
  return {
    subscriptions: [subscription],
    envoyAdminStreams: {
      configDumpGlobalInstanceId: global,
      statsGlobalInstanceId: global,
      clustersGlobalInstanceId: global,
    },
    healthCheck: { time: link.lastUpdateTime },
    // Later releases also name the global instance that holds each of the zone's streams.
    ...(isAtLeast(world.version, 2, 7)
      ? {
          kdsStreams: {
            clusters: stream,
            configDump: stream,
            stats: stream,
            globalToZone: stream,
            zoneToGlobal: stream,
          },
        }
      : {}),
  };
}

/** A zone no control plane ever connected for has no ZoneInsight: a single GET shows `{}`. */
function zoneOverview(world: World, state: ZoneState, single: boolean) {
  return {
    ...meta(world, state, 'ZoneOverview'),
    zone: state.enabled === undefined ? {} : { enabled: state.enabled },
    ...(state.link || single ? { zoneInsight: zoneInsight(world, state) } : {}),
  };
}

function malformed(error: unknown): KumaHttpError {
  if (!(error instanceof GoJsonError)) throw error;
  return badRequest(`invalid Zone object: ${goQuote(error.message)}`);
}

/**
 * A Zone body read as kuma-cp reads any legacy resource: the meta with `encoding/json`, the spec
 * with jsonpb (unknown fields ignored), the first error a 400 "Bad Request".
 */
function decodeZone(world: World, text: string): StoredResource & { enabled?: boolean } {
  let raw: RawValue;
  try {
    raw = parseGoJson(text);
  } catch (error) {
    throw malformed(error);
  }
  const decoded = decodeGo(raw, RESOURCE_META);
  // Go's own wording of a bad field or time, whichever comes first in the document.
  if (decoded.error) throw badRequest(`invalid Zone object: ${goQuote(decoded.error.message)}`);
  let spec: { enabled?: boolean };
  try {
    spec = decodeMessage(raw, ZONE_SPEC, world.version) as { enabled?: boolean };
  } catch (error) {
    throw malformed(error);
  }
  const read = decoded.value as { type: string; name: string; labels: Record<string, string> };
  return {
    type: read.type,
    name: read.name,
    ...(read.labels && Object.keys(read.labels).length > 0 ? { labels: read.labels } : {}),
    ...spec,
  };
}

/** PUT /zones/{name}: read-only check, body, path/body agreement, labels and name, then upsert. */
async function putZone(world: World, name: string, request: Request): Promise<Response> {
  const type = zoneType(world);
  if (!type) return notFound('Could not process a resource');
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  const body = decodeZone(world, await readBody(request));
  const existing = world.zones.find((candidate) => candidate.name === name);
  const { personality } = world;
  const violations: InvalidParameter[] = validateWriteRequest(
    {
      version: world.version,
      environment: personality.environment,
      mode: personality.mode,
      federatedZone: isFederatedZone(personality),
      zoneName: personality.zoneName,
    },
    { type, name, creating: !existing },
    body,
  ).map(({ field, message }) => ({ field, reason: message }));
  if (violations.length > 0) {
    throw new KumaHttpError(
      kumaError(400, 'Could not process a resource', 'Resource is not valid', violations),
    );
  }
  const labels = computedLabels(personality, type, body);
  const now = world.timestamp();
  const state: ZoneState = existing ?? { name, creationTime: now, modificationTime: now };
  state.modificationTime = now;
  // A PUT replaces the spec: `enabled` left out is unset, not kept.
  if (body.enabled === undefined) delete state.enabled;
  else state.enabled = body.enabled;
  if (labels) state.labels = labels;
  else delete state.labels;
  if (existing) return writeSucceeded(world, 200);
  world.zones.push(state);
  world.zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return writeSucceeded(world, 201);
}

/** DELETE /zones/{name}: refused while the zone's control plane is connected. */
function deleteZone(world: World, name: string): Response {
  const type = zoneType(world);
  if (!type) return notFound('Could not delete a resource');
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  const index = world.zones.findIndex((zone) => zone.name === name);
  if (index < 0) return notFound('Could not delete a resource');
  if (world.zones[index]?.link?.connected) {
    throw new KumaHttpError(
      kumaError(400, 'Could not delete a resource', 'Resource is not valid', [
        {
          field: 'zone',
          reason: 'unable to delete Zone, Zone CP is still connected, please shut it down first',
        },
      ]),
    );
  }
  world.zones.splice(index, 1);
  return writeSucceeded(world, 200);
}

/** Zones exist on a global control plane (and a federated zone has its own); else none. */
export function registerZoneRoutes(app: Hono, world: World): void {
  const list = (overview: boolean, routePath: string) => (c: Context) => {
    const url = requestUrl(c);
    const title = 'Could not retrieve resources';
    const page = parsePage(world, url, title);
    const byLabels = labelFilter(world, url, routePath, title);
    const zones = nameContains(world.zones, url).filter((state) =>
      byLabels({ type: 'Zone', name: state.name, labels: state.labels }),
    );
    const result = paginate(world, zones, page, url, 'Could not retrieve resources');
    return json({
      ...result,
      items: result.items.map((state) =>
        overview ? zoneOverview(world, state, false) : zone(world, state),
      ),
    });
  };
  const one = (overview: boolean) => (c: Context) => {
    const state = world.zones.find((candidate) => candidate.name === c.req.param('name'));
    if (!state) return notFound('Could not retrieve a resource');
    return json(overview ? zoneOverview(world, state, true) : zone(world, state));
  };
  app.get('/zones', list(false, '/zones'));
  app.get('/zones/_overview', list(true, '/zones/_overview'));
  app.get('/zones+insights', list(true, '/zones+insights'));
  app.get('/zones/:name', one(false));
  app.get('/zones/:name/_overview', one(true));
  app.get('/zones+insights/:name', one(true));
  app.put('/zones/:name', (c) => putZone(world, c.req.param('name'), c.req.raw));
  app.delete('/zones/:name', (c) => deleteZone(world, c.req.param('name')));
}
