// Over 400 lines: the resource endpoints (list, get, put, delete, label filters) share body parsing, validation and the write transaction.
import type { Hono } from 'hono';
import { gatewayType } from '../../../src/kuma/dataplane-status';
import { displayNameOf } from '../../../src/kuma/display-name';
import { toKubernetesObject } from '../../../src/kuma/kubernetes';
import type { Dataplane, InvalidParameter, Mesh, MeshService } from '../../../src/kuma/types';
import {
  type AdmittedKind,
  isAdmittedKind,
  policyDeprecations,
  predictPut,
  storeErrorTitle,
  type ValidationContext,
  type Violation,
  validateMeshCreate,
  validateMeshService,
  validateMeshUpdate,
  validateWriteRequest,
  type WriteRequest,
  type WriteTarget,
  withMeshDefaults,
} from '../../../src/kuma/validation';
import { isAtLeast } from '../../../src/kuma/version';
import { errorResponse, KumaHttpError, kumaError, notFound, pageNotFound } from '../errors';
import {
  BodyTooLargeError,
  json,
  MAX_API_BODY_BYTES,
  nameContains,
  paginate,
  parsePage,
  readLimitedText,
  requestUrl,
} from '../http';
import { markWritten } from '../mesh-service-state';
import {
  isFederatedZone,
  isReadOnly,
  type ResourceType,
  readOnlyMessage,
  resourceType,
  resourceTypes,
} from '../personality';
import { perRevision } from '../revision-cache';
import type { StoredResource } from '../store';
import { computedLabels, kriOf } from '../stored-form';
import type { World } from '../world';
import { commitWrite, type Persist, writeLock } from '../write-transaction';

export const MAX_BODY_BYTES = MAX_API_BODY_BYTES;

/** Overview pages kept per state of the world (each up to a megabyte of text). */
const OVERVIEW_PAGES_KEPT = 16;

const MISSING_MESH_TITLE = 'Failed to retrieve Mesh';

/** `kuma.io/origin`, `kuma.io/zone` and `kuma.io/display-name` may not change on update (2.14). */
const IMMUTABLE_LABELS = ['kuma.io/origin', 'kuma.io/zone', 'kuma.io/display-name'];

/** SNIs a destination advertises, one per port (2.14). */
function snisOf(world: World, type: ResourceType, resource: StoredResource) {
  if (type.name !== 'MeshService' || !isAtLeast(world.version, 2, 14)) return undefined;
  const spec = (resource as unknown as MeshService).spec;
  const zone = resource.labels?.['kuma.io/zone'] ?? '';
  const namespace = resource.labels?.['k8s.kuma.io/namespace'] ?? '';
  const parts = (section: string) =>
    ['sni', type.shortName, resource.mesh, zone, namespace, displayNameOf(resource), section]
      .filter((part) => part !== '')
      .join('.');
  const ports = [...(spec?.ports ?? [])].sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
  return ports.length > 0
    ? ports.map((port) => ({ port: port.port, sni: parts(port.name || String(port.port)) }))
    : undefined;
}

/** A stored resource as a GET returns it on this personality: meta, kri and snis, then the rest. */
export function serveResource(world: World, type: ResourceType, stored: StoredResource): object {
  let served: StoredResource = stored;
  if (type.name === 'Dataplane') {
    served = world.servedDataplane(stored as unknown as Dataplane) as unknown as StoredResource;
  }
  if (type.name === 'MeshService') {
    served = { ...served, ...world.meshServiceState(stored as unknown as MeshService) };
  }
  const { type: typeName, mesh, name, creationTime, modificationTime, labels, ...rest } = served;
  delete rest.kri;
  const kri = isAtLeast(world.version, 2, 14) ? kriOf(type, served) : undefined;
  const snis = snisOf(world, type, served);
  return {
    type: typeName,
    ...(mesh !== undefined ? { mesh } : {}),
    name,
    creationTime,
    modificationTime,
    ...(labels ? { labels } : {}),
    ...(kri ? { kri } : {}),
    ...(snis ? { snis } : {}),
    ...rest,
  };
}

function findType(world: World, path: string): ResourceType | undefined {
  return resourceTypes(world.personality).find((type) => type.path === path);
}

function meshExists(world: World, mesh: string | undefined): boolean {
  return mesh !== undefined && world.store.get('Mesh', undefined, mesh) !== undefined;
}

/** From 2.7 every mesh-scoped route first looks the mesh up: 404 when it does not exist. */
function requireMesh(world: World, type: ResourceType, mesh: string | undefined): void {
  if (type.scope !== 'Mesh' || mesh === undefined || !isAtLeast(world.version, 2, 7)) return;
  if (!meshExists(world, mesh)) {
    throw new KumaHttpError(kumaError(404, MISSING_MESH_TITLE, 'Not found'));
  }
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

export function writeSucceeded(
  world: World,
  status: 200 | 201,
  warnings: readonly string[] = [],
): Response {
  // Before 2.10 a successful write has an empty body; from 2.10 it is `{}` (or warnings).
  if (!isAtLeast(world.version, 2, 10)) return new Response(null, { status });
  return json(warnings.length > 0 ? { warnings } : {}, status);
}

/** A write's body, streamed up to the limit: over it, 413 in Kuma's error shape. */
export async function readBody(request: Request): Promise<string> {
  try {
    return await readLimitedText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw new KumaHttpError(kumaError(413, 'Request Entity Too Large', error.message));
  }
}

export function badRequest(detail: string): KumaHttpError {
  return new KumaHttpError(kumaError(400, 'Bad Request', detail));
}

function invalid(title: string, violations: readonly InvalidParameter[]): KumaHttpError {
  return new KumaHttpError(kumaError(400, title, 'Resource is not valid', [...violations]));
}

const toParameters = (violations: readonly { field: string; message: string }[]) =>
  violations.map(({ field, message }) => ({ field, reason: message }));

function validationContext(world: World): ValidationContext {
  return { version: world.version, environment: world.personality.environment };
}

/**
 * What kuma-cp's resource managers do once the request has passed: the mesh manager fills in a
 * Mesh's defaults and runs its checks, and a kind's validator runs again now that the resource
 * has its meta (a MeshService's name is checked only here). Their 400 has the store's title.
 */
function managed(
  world: World,
  type: ResourceType,
  resource: StoredResource,
  existing: StoredResource | undefined,
): StoredResource {
  const ctx = validationContext(world);
  let violations: Violation[] = [];
  let out = resource;
  if (type.name === 'Mesh') {
    const mesh = withMeshDefaults(resource as unknown as Mesh, ctx);
    violations = existing
      ? validateMeshUpdate(existing as unknown as Mesh, mesh, resource.name, ctx)
      : validateMeshCreate(mesh, resource.name, ctx);
    out = mesh as unknown as StoredResource;
  } else if (type.name === 'MeshService') {
    violations = validateMeshService(resource as unknown as MeshService, ctx);
  }
  if (violations.length > 0) {
    throw invalid(storeErrorTitle(ctx, !existing), toParameters(violations));
  }
  return out;
}

function writeTarget(world: World): WriteTarget {
  const { personality } = world;
  return {
    version: world.version,
    environment: personality.environment,
    mode: personality.mode,
    federatedZone: isFederatedZone(personality),
    zoneName: personality.zoneName,
  };
}

/**
 * Reads a PUT body: the kinds the dashboard writes get kuma-cp's whole verdict (the shared
 * `predictPut`); any other kind is parsed plainly and gets the request checks only.
 */
function admit(
  world: World,
  type: ResourceType,
  request: WriteRequest,
  bodyText: string,
): StoredResource {
  const target = writeTarget(world);
  if (isAdmittedKind(type.name)) {
    const verdict = predictPut(type.name as AdmittedKind, bodyText, request, target);
    if (verdict.accepted) return verdict.resource as StoredResource;
    if (verdict.title === 'Bad Request') throw badRequest(verdict.detail);
    throw invalid(verdict.title, toParameters(verdict.violations));
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw badRequest(`invalid ${type.name} object: ${JSON.stringify((error as Error).message)}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`invalid ${type.name} object: "json: cannot unmarshal into object"`);
  }
  const { creationTime: _c, modificationTime: _m, kri: _k, ...resource } = body as StoredResource;
  const problems = validateWriteRequest(target, request, resource);
  if (problems.length > 0) throw invalid('Could not process a resource', toParameters(problems));
  return resource as StoredResource;
}

/**
 * PUT /…/{name} in kuma-cp's order: read-only, mesh lookup (2.7+), body and validation, URL
 * and body agreement, labels, then the store (mesh existence on 2.6), 201 or 200.
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
  requireMesh(world, type, mesh);
  const bodyText = await readBody(request);
  // From here to the answer under the world's write lock: what the checks read is what the write
  // replaces, and the state file is written in the order the writes are applied.
  return writeLock(world).run(async () => {
    const existing = world.store.get(type.name, mesh, name);
    const resource = admit(world, type, { type, mesh, name, creating: !existing }, bodyText);

    const title = existing ? 'Could not update a resource' : 'Could not create a resource';
    if (type.scope === 'Mesh' && !meshExists(world, mesh)) {
      throw new KumaHttpError(
        kumaError(400, title, 'Mesh is not found', [
          { field: 'mesh', reason: `mesh of name ${mesh} is not found` },
        ]),
      );
    }
    const labels = computedLabels(world.personality, type, resource, existing);
    if (existing && isAtLeast(world.version, 2, 14)) {
      const before = existing.labels ?? {};
      const after = labels ?? {};
      const changed: InvalidParameter[] = [];
      for (const key of IMMUTABLE_LABELS) {
        if (!(key in before)) continue;
        const field = `labels[${JSON.stringify(key)}]`;
        if (!(key in after)) {
          changed.push({
            field,
            reason: `is immutable, cannot be removed (was ${JSON.stringify(before[key])})`,
          });
        } else if (before[key] !== after[key]) {
          changed.push({
            field,
            reason: `is immutable, cannot be changed from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`,
          });
        }
      }
      if (changed.length > 0) throw invalid('Could not update a resource', changed);
    }

    const stored = managed(world, type, { ...resource, ...(labels ? { labels } : {}) }, existing);
    const { result: written } = await durably(world, title, type, mesh, name, persist, () =>
      world.write(type, stored, existing),
    );
    if (type.name === 'MeshService') markWritten(world, written, existing);
    const warnings = policyDeprecations(type.name, stored, validationContext(world));
    return writeSucceeded(world, existing ? 200 : 201, warnings);
  });
}

/**
 * Plans a write, makes it durable, then applies it (`commitWrite`). A write the state file could
 * not take is not applied, and gets kuma-cp's answer to a store that failed: 500, the
 * operation's title, "Internal Server Error"; the cause goes to the log, as kuma-cp logs it.
 */
async function durably<T>(
  world: World,
  title: string,
  type: ResourceType,
  mesh: string | undefined,
  name: string,
  persist: Persist,
  write: () => T,
) {
  try {
    return await commitWrite(world, persist, write);
  } catch (error) {
    if (error instanceof KumaHttpError) throw error;
    const what = `${type.name} ${mesh === undefined ? '' : `${mesh}/`}${name}`;
    console.error(`demo-cp: ${title} (${what}): not applied:`, (error as Error).message);
    throw new KumaHttpError(kumaError(500, title, 'Internal Server Error'));
  }
}

async function deleteResource(
  world: World,
  type: ResourceType,
  mesh: string | undefined,
  name: string,
  persist: Persist,
): Promise<Response> {
  if (isReadOnly(world.personality, type)) return methodNotAllowed(world);
  requireMesh(world, type, mesh);
  return writeLock(world).run(async () => {
    if (!world.store.get(type.name, mesh, name)) return notFound('Could not delete a resource');
    if (type.name === 'Mesh' && world.dataplanes(name).length > 0) {
      throw new KumaHttpError(
        kumaError(400, 'Could not delete a resource', 'Resource is not valid', [
          {
            field: 'mesh',
            reason: 'unable to delete mesh, there are still some dataplanes attached',
          },
        ]),
      );
    }
    await durably(world, 'Could not delete a resource', type, mesh, name, persist, () =>
      world.remove(type, mesh, name),
    );
    return writeSucceeded(world, 200);
  });
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

/**
 * `?gateway=` and `?tag=` of a dataplane list: which dataplanes it keeps, and whether they are
 * gateway proxies only (so the list need not scan every dataplane).
 */
function dataplaneFilter(
  world: World,
  url: URL,
  routePath: string,
  title: string,
): { keeps: (dataplane: Dataplane) => boolean; gatewaysOnly: boolean } {
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
  const keeps = (dataplane: Dataplane): boolean => {
    const kind = gatewayType(dataplane.networking);
    if (gatewayParam === 'true' && !kind) return false;
    if (gatewayParam === 'false' && kind) return false;
    if (gatewayParam === 'builtin' && kind !== 'BUILTIN') return false;
    if (gatewayParam === 'delegated' && kind !== 'DELEGATED') return false;
    return matchesTags(dataplane, tags);
  };
  return { keeps, gatewaysOnly: ['true', 'builtin', 'delegated'].includes(gatewayParam) };
}

/**
 * The gateway proxies of a dataplane list, kept per list: the store hands out the same sorted
 * array until a dataplane is written, and listing a few hundred gateway proxies scanned all
 * 50,000 dataplanes on every request.
 */
const gatewayProxiesOf = new WeakMap<readonly StoredResource[], StoredResource[]>();

function gatewayProxies(list: StoredResource[]): StoredResource[] {
  let proxies = gatewayProxiesOf.get(list);
  if (!proxies) {
    proxies = list.filter((item) => gatewayType((item as unknown as Dataplane).networking));
    gatewayProxiesOf.set(list, proxies);
  }
  return proxies;
}

/** `filter[labels.k]=v` (2.10+): exact label equality, ANDed. */
export function labelFilter(world: World, url: URL, routePath: string, title: string) {
  if (!isAtLeast(world.version, 2, 10)) return () => true;
  const filters: [string, string][] = [];
  const violations: InvalidParameter[] = [];
  for (const key of new Set(url.searchParams.keys())) {
    if (!key.startsWith('filter[')) continue;
    if (!key.startsWith('filter[labels.')) {
      violations.push({
        field: `${routePath}.${key}`,
        reason: 'filters are only supported on labels',
      });
      continue;
    }
    const closing = key.indexOf(']');
    if (closing !== key.length - 1) {
      violations.push({
        field: `${routePath}.${key}`,
        reason: 'advanced filters are not supported',
      });
      continue;
    }
    filters.push([
      key.slice('filter[labels.'.length, closing),
      url.searchParams.getAll(key).at(-1)!,
    ]);
  }
  if (violations.length > 0) {
    throw new KumaHttpError(kumaError(400, title, 'Resource is not valid', violations));
  }
  return (resource: StoredResource) =>
    filters.every(([key, value]) => resource.labels?.[key] === value);
}

export type { Persist } from '../write-transaction';

export interface ResourceRouteOptions {
  persist: Persist;
}

export function registerResourceRoutes(
  app: Hono,
  world: World,
  options: ResourceRouteOptions,
): void {
  const listTitle = 'Could not retrieve resources';

  const listBody = (
    type: ResourceType,
    mesh: string | undefined,
    url: URL,
    routePath: string,
    overview: boolean,
  ) => {
    const page = parsePage(world, url, listTitle);
    const byLabels = labelFilter(world, url, routePath, listTitle);
    const byDataplane =
      type.name === 'Dataplane' ? dataplaneFilter(world, url, routePath, listTitle) : undefined;
    requireMesh(world, type, mesh);
    const listed = world.store.list(type.name, mesh);
    const candidates = byDataplane?.gatewaysOnly ? gatewayProxies(listed) : listed;
    const items = nameContains(candidates, url)
      .filter(byLabels)
      .filter((item) => !byDataplane || byDataplane.keeps(item as unknown as Dataplane));
    const pageResult = paginate(world, items, page, url, listTitle);
    return {
      total: pageResult.total,
      items: pageResult.items.map((item) =>
        overview ? world.overview(item) : serveResource(world, type, item),
      ),
      next: pageResult.next,
    };
  };

  const listResponse = (
    type: ResourceType,
    mesh: string | undefined,
    url: URL,
    routePath: string,
    overview: boolean,
  ) => json(listBody(type, mesh, url, routePath, overview));

  /**
   * Dataplane overview pages, the largest lists (a megabyte for 1,000 items), kept as text per
   * state of the world: dashboards ask for the same pages on every refresh.
   */
  const overviewResponse = (mesh: string | undefined, url: URL, routePath: string) => {
    const body = perRevision(
      world,
      `overview\u0000${url.href}`,
      () => JSON.stringify(listBody(dataplaneType(), mesh, url, routePath, true)),
      { limit: OVERVIEW_PAGES_KEPT },
    );
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };

  const findOne = (
    type: ResourceType,
    mesh: string | undefined,
    name: string,
    url: URL,
    overview: boolean,
  ) => {
    requireMesh(world, type, mesh);
    const stored = world.store.get(type.name, mesh, name);
    if (!stored) return notFound('Could not retrieve a resource');
    const format = url.searchParams.get('format') ?? '';
    if (format !== '' && format !== 'universal' && format !== 'k8s' && format !== 'kubernetes') {
      return errorResponse(
        kumaError(
          400,
          isAtLeast(world.version, 2, 7) ? 'Could not retrieve a resource' : 'invalid format',
          'Resource is not valid',
          [{ field: '', reason: '"format" must be one of ["k8s", "kubernetes", "universal"]' }],
        ),
      );
    }
    // A single overview always has an insight: an empty one for a proxy that never connected.
    const served = (
      overview
        ? { dataplaneInsight: {}, ...world.overview(stored) }
        : serveResource(world, type, stored)
    ) as StoredResource;
    if (format === 'k8s' || format === 'kubernetes') {
      return json(
        toKubernetesObject(served, url.searchParams.get('namespace') || undefined, {
          labels: 'mesh-only',
        }),
      );
    }
    return json(served);
  };

  const meshType = () => resourceType(world.personality, 'Mesh');
  const dataplaneType = () => resourceType(world.personality, 'Dataplane');

  // Meshes (global scope).
  app.get('/meshes', (c) => listResponse(meshType(), undefined, requestUrl(c), '/meshes', false));
  app.get('/meshes/:name', (c) =>
    findOne(meshType(), undefined, c.req.param('name'), requestUrl(c), false),
  );
  app.put('/meshes/:name', (c) =>
    putResource(world, meshType(), undefined, c.req.param('name'), c.req.raw, options.persist),
  );
  app.delete('/meshes/:name', (c) =>
    deleteResource(world, meshType(), undefined, c.req.param('name'), options.persist),
  );

  // Dataplane overviews, with the legacy `+insights` aliases (2.6 – 2.14).
  for (const overviewPath of ['dataplanes/_overview', 'dataplanes+insights']) {
    app.get(`/meshes/:mesh/${overviewPath}`, (c) =>
      overviewResponse(c.req.param('mesh'), requestUrl(c), `/meshes/{mesh}/${overviewPath}`),
    );
    app.get(`/${overviewPath}`, (c) =>
      overviewResponse(undefined, requestUrl(c), `/${overviewPath}`),
    );
  }
  app.get('/meshes/:mesh/dataplanes/:name/_overview', (c) =>
    findOne(dataplaneType(), c.req.param('mesh'), c.req.param('name'), requestUrl(c), true),
  );
  app.get('/meshes/:mesh/dataplanes+insights/:name', (c) =>
    findOne(dataplaneType(), c.req.param('mesh'), c.req.param('name'), requestUrl(c), true),
  );

  // Every other type: list (per mesh and across meshes), get, put, delete.
  app.get('/meshes/:mesh/:path', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return pageNotFound();
    return listResponse(
      type,
      c.req.param('mesh'),
      requestUrl(c),
      `/meshes/{mesh}/${type.path}`,
      false,
    );
  });
  app.get('/:path', (c, next) => {
    const type = findType(world, c.req.param('path'));
    if (!type || type.name === 'Mesh' || type.name === 'Zone') return next();
    return listResponse(type, undefined, requestUrl(c), `/${type.path}`, false);
  });
  const globalType = (path: string) => {
    const type = findType(world, path);
    return type?.scope === 'Global' && type.name !== 'Mesh' && type.name !== 'Zone'
      ? type
      : undefined;
  };
  app.get('/:path/:name', (c, next) => {
    const type = globalType(c.req.param('path'));
    if (!type) return next();
    return findOne(type, undefined, c.req.param('name'), requestUrl(c), false);
  });
  app.put('/:path/:name', (c, next) => {
    const type = globalType(c.req.param('path'));
    if (!type) return next();
    return putResource(world, type, undefined, c.req.param('name'), c.req.raw, options.persist);
  });
  app.delete('/:path/:name', (c, next) => {
    const type = globalType(c.req.param('path'));
    if (!type) return next();
    return deleteResource(world, type, undefined, c.req.param('name'), options.persist);
  });
  app.get('/meshes/:mesh/:path/:name', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return pageNotFound();
    return findOne(type, c.req.param('mesh'), c.req.param('name'), requestUrl(c), false);
  });
  app.put('/meshes/:mesh/:path/:name', (c) => {
    const type = findType(world, c.req.param('path'));
    if (type?.scope !== 'Mesh') return pageNotFound();
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
    if (type?.scope !== 'Mesh') return pageNotFound();
    return deleteResource(world, type, c.req.param('mesh'), c.req.param('name'), options.persist);
  });
}
