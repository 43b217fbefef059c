/**
 * What kuma-cp's mesh manager (`pkg/core/managers/apis/mesh/mesh_validator.go`) checks after
 * the Mesh validator has passed and before it stores a Mesh: the name length on create, the
 * enabled CA on update, and each mTLS backend against its CA plugin (`builtin`, `provided`).
 *
 * These are not part of the PUT body's validation: kuma-cp answers them from the resource
 * manager, so the 400 carries the store's title (`meshManagerErrorTitle`), not "Could not
 * process a resource", and only when the body, the URL and the labels were all fine. A
 * `provided` backend whose data sources are well formed still has its certificate and key
 * loaded (secret, file or inline) and checked as a CA pair; that needs the store and X.509
 * parsing, so it is left to the caller.
 */
import type { Mesh } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { isDNSName } from './ip';
import { isMtlsEnabled } from './mesh';
import { toTyped } from './mesh-backends';
import { goQuote, type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';
import { proto } from './wire/jsonpb';
import { DATA_SOURCE } from './wire/legacy-messages';

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

/**
 * The title of kuma-cp's 400 for these violations: the REST handler names the failed store
 * call, and 2.12 reworded it (kumahq/kuma#13486).
 */
export function meshManagerErrorTitle(ctx: ValidationContext, creating: boolean): string {
  const action = creating ? 'create' : 'update';
  return atLeast(ctx, 2, 12) ? `Failed to ${action} a resource` : `Could not ${action} a resource`;
}

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
