import type { Hono } from 'hono';
import type { z } from 'zod/mini';
import { gatewayType } from '../../../src/kuma/dataplane-status';
import { toKubernetesObject } from '../../../src/kuma/kubernetes';
import { describeSchemaIssue, kumaSchemas } from '../../../src/kuma/schemas';
import type {
  Dataplane,
  InvalidParameter,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
  ResourceMeta,
} from '../../../src/kuma/types';
import {
  type ValidationContext,
  type Violation,
  validateDataplane,
  validateMesh,
  validateMeshGateway,
  validateMeshHTTPRoute,
  validateMeshService,
  validateMeshTCPRoute,
  validateMeshTrafficPermission,
  validateResourceName,
} from '../../../src/kuma/validation';
import { isAtLeast } from '../../../src/kuma/version';
import { errorResponse, KumaHttpError, kumaError, notFound } from '../errors';
import { json, nameContains, paginate, parsePage, requestUrl } from '../http';
import {
  isFederatedZone,
  isReadOnly,
  type ResourceType,
  readOnlyMessage,
  resourceTypes,
} from '../personality';
import type { StoredResource } from '../store';
import type { World } from '../world';

export const MAX_BODY_BYTES = 1024 * 1024;

const strictSchemas = kumaSchemas('strict');

const SCHEMA_BY_TYPE: Record<string, z.ZodMiniType> = {
  Mesh: strictSchemas.mesh,
  Dataplane: strictSchemas.dataplane,
  MeshGateway: strictSchemas.meshGateway,
  MeshHTTPRoute: strictSchemas.meshHttpRoute,
  MeshTCPRoute: strictSchemas.meshTcpRoute,
  MeshTrafficPermission: strictSchemas.meshTrafficPermission,
  MeshService: strictSchemas.meshService,
};

type Validator = (resource: never, context: ValidationContext) => Violation[];

const VALIDATOR_BY_TYPE: Record<string, Validator> = {
  Mesh: validateMesh as Validator,
  Dataplane: validateDataplane as Validator,
  MeshGateway: validateMeshGateway as Validator,
  MeshHTTPRoute: validateMeshHTTPRoute as Validator,
  MeshTCPRoute: validateMeshTCPRoute as Validator,
  MeshTrafficPermission: validateMeshTrafficPermission as Validator,
  MeshService: validateMeshService as Validator,
};

const POLICY_TYPES = new Set(['MeshHTTPRoute', 'MeshTCPRoute', 'MeshTrafficPermission']);

function kri(_world: World, type: ResourceType, resource: ResourceMeta): string {
  const zone = resource.labels?.['kuma.io/zone'] ?? '';
  return `kri_${type.shortName}_${resource.mesh ?? ''}_${zone}__${resource.name}_`;
}

/** Labels kuma-cp adds to new-style resources it stores (2.9+). */
function computedLabels(world: World, resource: StoredResource): Record<string, string> {
  const origin = world.personality.mode === 'global' ? 'global' : 'zone';
  return {
    'kuma.io/env': world.personality.environment,
    'kuma.io/mesh': resource.mesh ?? '',
    'kuma.io/origin': origin,
    ...(world.personality.mode === 'zone' ? { 'kuma.io/zone': world.personality.zoneName } : {}),
    ...(resource.labels ?? {}),
  };
}

function meshServiceStatus(world: World, service: MeshService): MeshService['status'] {
  const selector = service.spec.selector?.dataplaneTags ?? {};
  let total = 0;
  let connected = 0;
  let healthy = 0;
  for (const dataplane of world.dataplanes(service.mesh)) {
    const served = world.servedDataplane(dataplane);
    const inbound = served.networking.inbound?.find((entry) =>
      Object.entries(selector).every(([key, value]) => entry.tags?.[key] === value),
    );
    if (!inbound) continue;
    total += 1;
    const status = world.statusOf(dataplane);
    if (status !== 'offline') connected += 1;
    if (status !== 'offline' && inbound.health?.ready !== false) healthy += 1;
  }
  return {
    addresses: [{ hostname: `${service.name}.svc.mesh.local`, origin: 'HostnameGenerator' }],
    vips: [{ ip: `241.0.0.${(service.name.length % 250) + 1}` }],
    tls: { status: 'Ready' },
    dataplaneProxies: { connected, healthy, total },
    ...(service.status ?? {}),
  };
}

/** A stored resource as a GET returns it on this personality. */
export function serveResource(world: World, type: ResourceType, stored: StoredResource): object {
  let served: StoredResource = stored;
  if (type.name === 'Dataplane') {
    served = world.servedDataplane(stored as unknown as Dataplane) as unknown as StoredResource;
  }
  if (type.name === 'MeshService') {
    served = { ...served, status: meshServiceStatus(world, stored as unknown as MeshService) };
  }
  if (isAtLeast(world.version, 2, 14)) served = { ...served, kri: kri(world, type, served) };
  return served;
}

function findType(world: World, path: string): ResourceType | undefined {
  return resourceTypes(world.personality).find((type) => type.path === path);
}

function meshExists(world: World, mesh: string): boolean {
  return world.store.get('Mesh', undefined, mesh) !== undefined;
}

export function methodNotAllowed(world: World): Response {
  const legacy = !isAtLeast(world.version, 2, 9);
  return errorResponse(
    kumaError(
      405,
      legacy ? 'Method not Allowed' : 'Method not allowed',
      legacy ? 'Method not allowed' : readOnlyMessage(world.personality),
    ),
  );
}

export function writeSucceeded(world: World, status: 200 | 201): Response {
  // Before 2.10 a successful write has an empty body; from 2.10 it is `{}` (or warnings).
  if (!isAtLeast(world.version, 2, 10)) return new Response(null, { status });
  return json({}, status);
}

export async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    throw new KumaHttpError(
      kumaError(413, 'Request Entity Too Large', 'request body is larger than 1 MiB'),
    );
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new KumaHttpError(
        kumaError(413, 'Request Entity Too Large', 'request body is larger than 1 MiB'),
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function badRequest(typeName: string, reason: string): KumaHttpError {
  return new KumaHttpError(kumaError(400, 'Bad Request', `invalid ${typeName} object: ${reason}`));
}

function originViolations(world: World, resource: StoredResource): InvalidParameter[] {
  if (!POLICY_TYPES.has(resource.type)) return [];
  const origin = resource.labels?.['kuma.io/origin'];
  if (isFederatedZone(world.personality) && origin !== 'zone') {
    return [
      { field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'zone'" },
    ];
  }
  if (world.personality.mode === 'global' && origin !== undefined && origin !== 'global') {
    return [
      { field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'global'" },
    ];
  }
  return [];
}

/**
 * PUT /…/{name}: Kuma's order of checks — read-only, body, path/body agreement and name,
 * mesh existence, then the type's own validation rules — and 201 / 200.
 */
async function putResource(
  world: World,
  type: ResourceType,
  mesh: string | undefined,
  name: string,
  request: Request,
  persist: Persist,
): Promise<Response> {
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  const bodyText = await readBody(request);
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw badRequest(type.name, (error as Error).message);
  }
  const parsed = SCHEMA_BY_TYPE[type.name]?.safeParse(body);
  if (!parsed) throw badRequest(type.name, 'type is not writable through the demo');
  if (!parsed.success) throw badRequest(type.name, describeSchemaIssue(parsed.error));
  const resource = parsed.data as StoredResource;

  const existing = world.store.get(type.name, mesh, name);
  const requestViolations: InvalidParameter[] = [];
  if (resource.name !== name) {
    requestViolations.push({
      field: 'name',
      reason: 'name from the URL has to be the same as in body',
    });
  }
  if (resource.type !== type.name) {
    requestViolations.push({
      field: 'type',
      reason: 'type from the URL has to be the same as in body',
    });
  }
  if (type.scope === 'Mesh' && resource.mesh !== mesh) {
    requestViolations.push({
      field: 'mesh',
      reason: 'mesh from the URL has to be the same as in body',
    });
  }
  if (!existing) {
    requestViolations.push(
      ...validateResourceName(name).map(({ field, message }) => ({ field, reason: message })),
    );
  }
  requestViolations.push(...originViolations(world, resource));
  if (requestViolations.length > 0) {
    throw new KumaHttpError(
      kumaError(400, 'Could not process a resource', 'Resource is not valid', requestViolations),
    );
  }

  const title = existing ? 'Could not update a resource' : 'Could not create a resource';
  if (type.scope === 'Mesh' && mesh !== undefined && !meshExists(world, mesh)) {
    throw new KumaHttpError(
      kumaError(400, title, 'Mesh is not found', [
        { field: 'mesh', reason: `mesh of name ${mesh} is not found` },
      ]),
    );
  }
  const validator = VALIDATOR_BY_TYPE[type.name];
  const violations = validator
    ? validator(resource as never, {
        version: world.version,
        environment: world.personality.environment,
      })
    : [];
  if (violations.length > 0) {
    throw new KumaHttpError(
      kumaError(
        400,
        title,
        'Resource is not valid',
        violations.map(({ field, message }) => ({ field, reason: message })),
      ),
    );
  }

  const now = world.timestamp();
  const stored: StoredResource = {
    ...resource,
    creationTime: existing?.creationTime ?? now,
    modificationTime: now,
  };
  delete stored.kri;
  if (type.shape === 'policy') {
    delete stored.status;
    if (isAtLeast(world.version, 2, 9)) stored.labels = computedLabels(world, stored);
  }
  const outcome = world.store.put(stored);
  if (type.name === 'Dataplane') world.ensureProxy(stored as unknown as Dataplane);
  await persist(type.name, mesh, name);
  return writeSucceeded(world, outcome === 'created' ? 201 : 200);
}

async function deleteResource(
  world: World,
  type: ResourceType,
  mesh: string | undefined,
  name: string,
  persist: Persist,
): Promise<Response> {
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  if (!world.store.get(type.name, mesh, name)) return notFound('Could not delete a resource');
  if (type.name === 'Mesh') {
    if (world.dataplanes(name).length > 0) {
      throw new KumaHttpError(
        kumaError(400, 'Could not delete a resource', 'Resource is not valid', [
          {
            field: 'mesh',
            reason: 'unable to delete mesh, there are still some dataplanes attached',
          },
        ]),
      );
    }
    // Deleting a mesh deletes everything in it.
    for (const other of world.store.types()) {
      for (const resource of world.store.list(other, name)) {
        world.store.delete(other, name, resource.name);
        await persist(other, name, resource.name);
      }
    }
  }
  world.store.delete(type.name, mesh, name);
  if (type.name === 'Dataplane' && mesh) world.removeProxy(mesh, name);
  await persist(type.name, mesh, name);
  return writeSucceeded(world, 200);
}

/** Kuma's substring tag match: any single inbound (or the gateway tags) holds every tag. */
function matchesTags(dataplane: Dataplane, tags: [string, string][]): boolean {
  if (tags.length === 0) return true;
  const tagSets = dataplane.networking.gateway
    ? [dataplane.networking.gateway.tags ?? {}]
    : (dataplane.networking.inbound ?? []).map((inbound) => inbound.tags ?? {});
  return tagSets.some((set) =>
    tags.every(([key, value]) => {
      const actual = set[key];
      return actual !== undefined && (value === '*' || actual.includes(value));
    }),
  );
}

function dataplaneFilter(world: World, url: URL, routePath: string, title: string) {
  const gatewayParam = (url.searchParams.get('gateway') ?? '').toLowerCase();
  const supportsBuiltin = world.version.major < 3;
  const allowed = supportsBuiltin
    ? ['', 'true', 'false', 'builtin', 'delegated']
    : ['', 'true', 'false', 'delegated'];
  if (!allowed.includes(gatewayParam)) {
    const reason = supportsBuiltin
      ? `shoud use \`true\`, \`false\`, 'builtin' or 'delegated' instead of ${gatewayParam}`
      : `should use \`true\`, \`false\` or \`delegated\` instead of ${gatewayParam}`;
    throw new KumaHttpError(
      kumaError(400, title, 'Resource is not valid', [{ field: `${routePath}.gateway`, reason }]),
    );
  }
  // Kuma's `parseTags`: split at the first `:`, skip entries without one, and collect into a
  // map, so a repeated key keeps its last value.
  const byKey = new Map<string, string>();
  for (const value of url.searchParams.getAll('tag')) {
    const separator = value.indexOf(':');
    if (separator >= 0) byKey.set(value.slice(0, separator), value.slice(separator + 1));
  }
  const tags = [...byKey.entries()];
  return (dataplane: Dataplane): boolean => {
    const kind = gatewayType(dataplane.networking);
    if (gatewayParam === 'true' && !kind) return false;
    if (gatewayParam === 'false' && kind) return false;
    if (gatewayParam === 'builtin' && kind !== 'BUILTIN') return false;
    if (gatewayParam === 'delegated' && kind !== 'DELEGATED') return false;
    return matchesTags(dataplane, tags);
  };
}

/** `filter[labels.k]=v` (2.10+): exact label equality, ANDed. */
function labelFilter(world: World, url: URL, routePath: string, title: string) {
  if (!isAtLeast(world.version, 2, 10)) return () => true;
  const filters: [string, string][] = [];
  const violations: InvalidParameter[] = [];
  for (const [key, value] of url.searchParams) {
    if (!key.startsWith('filter[')) continue;
    const match = /^filter\[labels\.(.+)\]$/.exec(key);
    if (!match?.[1]) {
      violations.push({
        field: `${routePath}.${key}`,
        reason: 'filters are only supported on labels',
      });
      continue;
    }
    filters.push([match[1], value]);
  }
  if (violations.length > 0) {
    throw new KumaHttpError(kumaError(400, title, 'Resource is not valid', violations));
  }
  return (resource: StoredResource) =>
    filters.every(([key, value]) => resource.labels?.[key] === value);
}

/** Makes the current state of one resource durable before the write is acknowledged. */
export type Persist = (type: string, mesh: string | undefined, name: string) => Promise<void>;

export interface ResourceRouteOptions {
  persist: Persist;
}

export function registerResourceRoutes(
  app: Hono,
  world: World,
  options: ResourceRouteOptions,
): void {
  const listTitle = 'Could not retrieve resources';

  const list = (typeName: string, mesh: string | undefined, url: URL, routePath: string) => {
    const type = resourceTypes(world.personality).find((candidate) => candidate.name === typeName);
    if (!type) return undefined;
    const page = parsePage(world, url, listTitle);
    const byLabels = labelFilter(world, url, routePath, listTitle);
    let items = nameContains(world.store.list(type.name, mesh), url).filter(byLabels);
    if (type.name === 'Dataplane') {
      const byDataplane = dataplaneFilter(world, url, routePath, listTitle);
      items = items.filter((item) => byDataplane(item as unknown as Dataplane));
    }
    return { type, page, items };
  };

  const listResponse = (
    typeName: string,
    mesh: string | undefined,
    url: URL,
    routePath: string,
    overview: boolean,
  ) => {
    const result = list(typeName, mesh, url, routePath);
    if (!result) return notFound(listTitle);
    const pageResult = paginate(result.items, result.page, url);
    const items = pageResult.items.map((item) =>
      overview ? world.overview(item) : serveResource(world, result.type, item),
    );
    return json({ total: pageResult.total, items, next: pageResult.next });
  };

  const findOne = (
    typeName: string,
    mesh: string | undefined,
    name: string,
    url: URL,
    overview: boolean,
  ) => {
    const type = resourceTypes(world.personality).find((candidate) => candidate.name === typeName);
    if (!type) return notFound('Could not retrieve a resource');
    const stored = world.store.get(type.name, mesh, name);
    if (!stored) return notFound('Could not retrieve a resource');
    if (overview) return json(world.overview(stored));
    const served = serveResource(world, type, stored) as StoredResource;
    const format = url.searchParams.get('format') ?? '';
    if (format === 'k8s' || format === 'kubernetes') {
      return json(toKubernetesObject(served, url.searchParams.get('namespace') ?? undefined));
    }
    if (format !== '' && format !== 'universal') {
      return errorResponse(
        kumaError(400, 'invalid format', 'Resource is not valid', [
          { field: 'format', reason: 'must be one of: k8s, kubernetes, universal' },
        ]),
      );
    }
    return json(served);
  };

  // Meshes (global scope).
  app.get('/meshes', (c) => listResponse('Mesh', undefined, requestUrl(c), '/meshes', false));
  app.get('/meshes/:name', (c) =>
    findOne('Mesh', undefined, c.req.param('name'), requestUrl(c), false),
  );
  app.put('/meshes/:name', (c) =>
    putResource(world, meshType(world), undefined, c.req.param('name'), c.req.raw, options.persist),
  );
  app.delete('/meshes/:name', (c) =>
    deleteResource(world, meshType(world), undefined, c.req.param('name'), options.persist),
  );

  // Dataplane overviews, with the legacy `+insights` aliases (2.6 – 2.14).
  for (const overviewPath of ['dataplanes/_overview', 'dataplanes+insights']) {
    app.get(`/meshes/:mesh/${overviewPath}`, (c) =>
      listResponse(
        'Dataplane',
        c.req.param('mesh'),
        requestUrl(c),
        `/meshes/{mesh}/${overviewPath}`,
        true,
      ),
    );
    app.get(`/${overviewPath}`, (c) =>
      listResponse('Dataplane', undefined, requestUrl(c), `/${overviewPath}`, true),
    );
  }
  app.get('/meshes/:mesh/dataplanes/:name/_overview', (c) =>
    findOne('Dataplane', c.req.param('mesh'), c.req.param('name'), requestUrl(c), true),
  );
  app.get('/meshes/:mesh/dataplanes+insights/:name', (c) =>
    findOne('Dataplane', c.req.param('mesh'), c.req.param('name'), requestUrl(c), true),
  );

  // Every mesh-scoped type: list (per mesh and across meshes), get, put, delete.
  app.get('/meshes/:mesh/:path', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return notFound(listTitle);
    return listResponse(
      type.name,
      c.req.param('mesh'),
      requestUrl(c),
      `/meshes/{mesh}/${type.path}`,
      false,
    );
  });
  app.get('/:path', (c, next) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return next();
    return listResponse(type.name, undefined, requestUrl(c), `/${type.path}`, false);
  });
  app.get('/meshes/:mesh/:path/:name', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return notFound('Could not retrieve a resource');
    return findOne(type.name, c.req.param('mesh'), c.req.param('name'), requestUrl(c), false);
  });
  app.put('/meshes/:mesh/:path/:name', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return notFound('Could not process a resource');
    return putResource(
      world,
      type,
      c.req.param('mesh'),
      c.req.param('name'),
      c.req.raw,
      options.persist,
    );
  });
  app.delete('/meshes/:mesh/:path/:name', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return notFound('Could not delete a resource');
    return deleteResource(world, type, c.req.param('mesh'), c.req.param('name'), options.persist);
  });
}

function meshType(world: World): ResourceType {
  const type = resourceTypes(world.personality).find((candidate) => candidate.name === 'Mesh');
  if (!type) throw new Error('Mesh type missing');
  return type;
}

export type { Mesh, MeshGateway, MeshHTTPRoute, MeshTCPRoute, MeshTrafficPermission };
