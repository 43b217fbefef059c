/**
 * Basic Mesh rules from `pkg/core/resources/apis/mesh/mesh_validator.go` (mTLS backends,
 * zone egress) plus the `meshServices.mode` enum, which Kuma enforces while parsing the JSON.
 */
import type { Mesh, MeshServicesMode } from '../types';
import { notSupportedMessage, type ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { goQuote, rootedAt, type Violation, ViolationList } from './violations';

export const MESH_SERVICES_MODES: readonly MeshServicesMode[] = [
  'Disabled',
  'Everywhere',
  'ReachableBackends',
  'Exclusive',
];

/** Kuma accepts one mTLS backend per mesh. */
const ALLOWED_MTLS_BACKENDS = 1;

/** True when the mesh has an enabled mTLS backend (Kuma's `MTLSEnabled`). */
export function isMtlsEnabled(mesh: Mesh | undefined): boolean {
  return asString(asRecord(asRecord(mesh)?.mtls)?.enabledBackend) !== '';
}

/** Paths are flat (`mtls.enabledBackend`), as for every legacy resource. */
export function validateMesh(m: Mesh, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const resource = asRecord(m) ?? {};

  const mtls = asRecord(resource.mtls);
  if (mtls !== undefined) {
    const mtlsPath = rootedAt('mtls');
    const backends = asArray(mtls.backends);
    if (backends.length > ALLOWED_MTLS_BACKENDS) {
      out.add(
        mtlsPath.field('backends'),
        `cannot have more than ${ALLOWED_MTLS_BACKENDS} backends`,
      );
    }
    const names = new Set<string>();
    backends.forEach((backend, i) => {
      const name = asString(asRecord(backend)?.name);
      if (names.has(name)) {
        out.add(
          mtlsPath.field('backends').index(i).field('name'),
          `${goQuote(name)} name is already used for another backend`,
        );
      }
      names.add(name);
    });
    const enabledBackend = asString(mtls.enabledBackend);
    if (enabledBackend !== '' && !names.has(enabledBackend)) {
      out.add(mtlsPath.field('enabledBackend'), 'has to be set to one of the backends in the mesh');
    }
  }

  if (asRecord(resource.routing)?.zoneEgress === true && !isMtlsEnabled(m)) {
    out.add(rootedAt('mtls'), 'has to be set when zoneEgress enabled');
  }

  const mode = asRecord(resource.meshServices)?.mode;
  if (isPresent(mode) && !(MESH_SERVICES_MODES as readonly unknown[]).includes(mode)) {
    out.add(rootedAt('meshServices').field('mode'), notSupportedMessage(String(mode), ctx));
  }
  return out.items;
}
