/**
 * What kuma-cp's mesh manager (`pkg/core/managers/apis/mesh`) does after the Mesh validator has
 * passed and before it stores a Mesh: it fills in the Prometheus backends' defaults
 * (`mesh_defaulter.go`), then checks (`mesh_validator.go`) the name length on create, the
 * enabled CA on update, and each mTLS backend against its CA plugin (`builtin`, `provided`).
 *
 * These are not part of the PUT body's validation: kuma-cp answers them from the resource
 * manager, so the 400 carries the store's title (`storeErrorTitle`), not "Could not
 * process a resource", and only when the body, the URL and the labels were all fine. A
 * `provided` backend whose data sources are well formed still has its certificate and key
 * loaded (secret, file or inline) and checked as a CA pair; that needs the store and X.509
 * parsing, so it is left to the caller.
 */
import type { Mesh } from '../types';
import type { ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { isDNSName } from './ip';
import { isMtlsEnabled } from './mesh';
import { toTyped } from './mesh-backends';
import { goQuote, type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';
import { sortedKeys } from './wire/go-json';
import { encodeJsonpb, proto } from './wire/jsonpb';
import { BACKEND_CONFIGS, DATA_SOURCE } from './wire/legacy-messages';

const BUILTIN_CA_CONFIG = proto.message('kuma.plugins.ca.BuiltinCertificateAuthorityConfig', [
  proto.field(
    'caCert',
    proto.message('kuma.plugins.ca.BuiltinCertificateAuthorityConfig.CaCert', [
      proto.field('RSAbits', 'UInt32Value'),
      proto.field('expiration', 'string'),
    ]),
  ),
]);

const PROVIDED_CA_CONFIG = proto.message('kuma.plugins.ca.ProvidedCertificateAuthorityConfig', [
  proto.field('cert', DATA_SOURCE),
  proto.field('key', DATA_SOURCE),
]);

/** The CA plugins a plain kuma-cp installs. */
const CA_PLUGINS = ['builtin', 'provided'] as const;

/** The builtin CA's secrets are named after mesh and backend, and must fit a Secret name. */
const MAX_BUILTIN_SECRET_NAME = 255;

/** Mesh names longer than a DNS label are refused when a mesh is created. */
const MAX_MESH_NAME = 63;

function builtinBackendViolations(
  out: ViolationList,
  confPath: PathBuilder,
  backend: Record<string, unknown>,
  meshName: string,
  ctx: ValidationContext,
): void {
  const typed = toTyped(backend.conf, BUILTIN_CA_CONFIG, ctx);
  if (!typed.ok) out.add(confPath, `could not convert backend config: ${typed.error}`);
  const name = asString(backend.name);
  const secretName = `${meshName}.ca-builtin-cert-${name}`;
  // Kuma reports these at a path of its own, which ends up nested under the backend's conf.
  const namePath = confPath.field('mtls.backends.name');
  if (new TextEncoder().encode(secretName).length > MAX_BUILTIN_SECRET_NAME) {
    out.add(namePath, `Backend name is too long. Max length: ${MAX_BUILTIN_SECRET_NAME}`);
  }
  if (!isDNSName(secretName) || secretName !== secretName.toLowerCase()) {
    out.add(namePath, `${goQuote(name)} name must be valid dns name`);
  }
}

/** Kuma's `datasource.Validate`. */
function dataSourceViolations(out: ViolationList, path: PathBuilder, source: unknown): void {
  const fields = asRecord(source) ?? {};
  const type = ['secret', 'file', 'inline', 'inlineString'].find((key) => isPresent(fields[key]));
  if (type === undefined) {
    out.add(path, 'data source has to be chosen. Available sources: secret, file, inline');
    return;
  }
  // An inline string is never checked; an empty one fails only when the CA is loaded.
  if (type !== 'inlineString' && asString(fields[type]) === '') {
    out.add(path.field(type), 'cannot be empty');
  }
}

function providedBackendViolations(
  out: ViolationList,
  confPath: PathBuilder,
  backend: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  const typed = toTyped(backend.conf, PROVIDED_CA_CONFIG, ctx);
  if (!typed.ok) {
    out.add(confPath, `could not convert backend config: ${typed.error}`);
    return;
  }
  for (const part of ['cert', 'key'] as const) {
    const source = typed.conf[part];
    if (!isPresent(source)) out.add(confPath.field(part), 'has to be defined');
    else dataSourceViolations(out, confPath.field(part), source);
  }
}

/** Kuma's `ValidateMTLSBackends`: it stops at the first backend of an unknown type. */
function mtlsBackendViolations(
  out: ViolationList,
  mesh: Mesh,
  meshName: string,
  ctx: ValidationContext,
): void {
  const mtls = asRecord(asRecord(mesh)?.mtls);
  const backendsPath = rootedAt('mtls').field('backends');
  const backends = asArray(mtls?.backends);
  for (const [i, item] of backends.entries()) {
    const backend = asRecord(item) ?? {};
    const type = asString(backend.type);
    if (!(CA_PLUGINS as readonly string[]).includes(type)) {
      out.add(backendsPath.index(i).field('type'), 'could not find installed plugin for this type');
      return;
    }
    if (mtls?.skipValidation === true) continue;
    const confPath = backendsPath.index(i).field('conf');
    if (type === 'builtin') builtinBackendViolations(out, confPath, backend, meshName, ctx);
    else providedBackendViolations(out, confPath, backend, ctx);
  }
}

/** `PrometheusMetricsBackendConfig` as `mesh.Default()` completes it. */
function prometheusDefaults(conf: Record<string, unknown>): Record<string, unknown> {
  const out = { ...conf };
  const skipMtls = out.skipMTLS;
  if (out.tls === undefined) {
    // `tls.mode` 0 (`activeMTLSBackend`) is proto3's zero: it prints as an empty `tls`.
    out.tls = skipMtls === true ? { mode: 'disabled' } : {};
  } else if (skipMtls !== undefined && asRecord(out.tls)?.mode === 'providedTLS') {
    out.tls = { mode: 'providedTLS' };
    delete out.skipMTLS;
  }
  if (out.port === undefined) out.port = DEFAULT_PROMETHEUS.port;
  if (out.path === undefined) out.path = DEFAULT_PROMETHEUS.path;
  if (out.tags === undefined) out.tags = { ...DEFAULT_PROMETHEUS.tags };
  return out;
}

const DEFAULT_PROMETHEUS = {
  port: 5670,
  path: '/metrics',
  tags: { 'kuma.io/service': 'dataplane-metrics' },
};

/**
 * `mesh.Default()`: each Prometheus backend's conf read as its typed config, completed (port,
 * path, tags, TLS mode from `skipMTLS`) and written back as a Struct. The Mesh validator has
 * already read every conf, so a conf that does not read is left as it is.
 */
export function withMeshDefaults(mesh: Mesh, ctx: ValidationContext): Mesh {
  const metrics = asRecord(asRecord(mesh)?.metrics);
  const backends = asArray(metrics?.backends);
  if (!backends.some((backend) => asString(asRecord(backend)?.type) === 'prometheus')) return mesh;
  const descriptor = BACKEND_CONFIGS.prometheus;
  const defaulted = backends.map((item) => {
    const backend = asRecord(item);
    if (!backend || asString(backend.type) !== 'prometheus') return item;
    const typed = toTyped(backend.conf, descriptor, ctx);
    if (!typed.ok) return item;
    const conf = encodeJsonpb(prometheusDefaults(typed.conf), descriptor, ctx.version);
    return { ...backend, conf: sortedKeys(conf) };
  });
  return { ...mesh, metrics: { ...metrics, backends: defaulted } } as Mesh;
}

/** The mesh manager's checks before a new Mesh named `meshName` is stored. */
export function validateMeshCreate(
  mesh: Mesh,
  meshName: string,
  ctx: ValidationContext,
): Violation[] {
  const out = new ViolationList();
  if (new TextEncoder().encode(meshName).length > MAX_MESH_NAME) {
    out.add(rootedAt('name'), `cannot be longer than ${MAX_MESH_NAME} characters`);
  }
  mtlsBackendViolations(out, mesh, meshName, ctx);
  return out.items;
}

/** The mesh manager's checks before `next` replaces the stored `previous` Mesh. */
export function validateMeshUpdate(
  previous: Mesh,
  next: Mesh,
  meshName: string,
  ctx: ValidationContext,
): Violation[] {
  const out = new ViolationList();
  const enabledBefore = asString(asRecord(asRecord(previous)?.mtls)?.enabledBackend);
  const enabledAfter = asString(asRecord(asRecord(next)?.mtls)?.enabledBackend);
  if (isMtlsEnabled(previous) && isMtlsEnabled(next) && enabledBefore !== enabledAfter) {
    out.add(
      rootedAt('mtls').field('enabledBackend'),
      'Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA',
    );
  }
  mtlsBackendViolations(out, next, meshName, ctx);
  return out.items;
}
