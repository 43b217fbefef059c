/**
 * The Mesh rules of `pkg/core/resources/apis/mesh/mesh_validator.go`, in its order: mTLS
 * backends, logging, tracing and metrics backends (`mesh-backends.ts`), dataplane proxy
 * constraints, zone egress. The input is the Mesh as jsonpb decoded it (canonical JSON names,
 * zero values dropped), so a missing field is Go's zero value.
 */
import type { Mesh, MeshServicesMode } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, asString } from './guards';
import { validateLogging, validateMetrics, validateTracing } from './mesh-backends';
import { isMtlsEnabled } from './mtls-enabled';
import { validateSelectorTags } from './tags';
import { goQuote, rootedAt, type Violation, ViolationList } from './violations';

/**
 * The `meshServices.mode` enum. Kuma has no rule of its own for it: jsonpb refuses an unknown
 * name while decoding and keeps an unknown number, which kuma-cp then accepts.
 */
export const MESH_SERVICES_MODES: readonly MeshServicesMode[] = [
  'Disabled',
  'Everywhere',
  'ReachableBackends',
  'Exclusive',
];

/** Kuma accepts one mTLS backend per mesh. */
const ALLOWED_MTLS_BACKENDS = 1;

export { isMtlsEnabled };

/** Kuma's `ParseDuration` for certificate rotation: `0`, or digits and one unit. */
function isRotationDuration(text: string): boolean {
  return text === '0' || /^[0-9]+(y|w|d|h|m|s|ms)$/.test(text);
}

function validateMtls(out: ViolationList, mtls: unknown, ctx: ValidationContext): void {
  const spec = asRecord(mtls);
  if (!spec) return;
  const backendsPath = rootedAt('mtls').field('backends');
  const backends = asArray(spec.backends).map((backend) => asRecord(backend) ?? {});
  if (backends.length > ALLOWED_MTLS_BACKENDS) {
    out.add(backendsPath, `cannot have more than ${ALLOWED_MTLS_BACKENDS} backends`);
  }
  // The path has no backend index, and the rotation check moved into the name loop in 2.13.
  const checkRotation = (backend: Record<string, unknown>) => {
    const dpCert = asRecord(backend.dpCert);
    if (!dpCert) return;
    const expiration = asString(asRecord(dpCert.rotation)?.expiration);
    if (!isRotationDuration(expiration)) {
      out.add(rootedAt('mtls').field('dpcert.rotation.expiration'), 'has to be a valid format');
    }
  };
  const rotationInNameLoop = atLeast(ctx, 2, 13);
  const names = new Set<string>();
  backends.forEach((backend, i) => {
    const name = asString(backend.name);
    if (names.has(name)) {
      out.add(
        backendsPath.index(i).field('name'),
        `${goQuote(name)} name is already used for another backend`,
      );
    }
    names.add(name);
    if (rotationInNameLoop) checkRotation(backend);
  });
  const enabledBackend = asString(spec.enabledBackend);
  if (enabledBackend !== '' && !names.has(enabledBackend)) {
    out.add(
      rootedAt('mtls').field('enabledBackend'),
      'has to be set to one of the backends in the mesh',
    );
  }
  if (!rotationInNameLoop) backends.forEach(checkRotation);
}

function validateConstraints(out: ViolationList, constraints: unknown): void {
  const dataplaneProxy = asRecord(asRecord(constraints)?.dataplaneProxy);
  if (!dataplaneProxy) return;
  const path = rootedAt('constraints').field('dataplaneProxy');
  for (const list of ['requirements', 'restrictions'] as const) {
    asArray(dataplaneProxy[list]).forEach((rule, i) => {
      validateSelectorTags(out, path.field(list).index(i).field('tags'), asRecord(rule)?.tags, {
        requireAtLeastOneTag: true,
      });
    });
  }
}

/** Paths are flat (`mtls.enabledBackend`), as for every legacy resource. */
export function validateMesh(m: Mesh, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const resource = asRecord(m) ?? {};
  validateMtls(out, resource.mtls, ctx);
  validateLogging(out, resource.logging, ctx);
  validateTracing(out, resource.tracing, ctx);
  validateMetrics(out, resource.metrics, ctx);
  validateConstraints(out, resource.constraints);
  if (asRecord(resource.routing)?.zoneEgress === true && !isMtlsEnabled(m)) {
    out.add(rootedAt('mtls'), 'has to be set when zoneEgress enabled');
  }
  return out.items;
}
