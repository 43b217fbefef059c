import type { Mesh } from '../types';
import { asRecord, asString } from './guards';

/**
 * True when the mesh has an enabled mTLS backend (Kuma's `MTLSEnabled`). On its own module so
 * the topology can ask without loading the Mesh validator.
 */
export function isMtlsEnabled(mesh: Pick<Mesh, 'mtls'> | undefined): boolean {
  return asString(asRecord(asRecord(mesh)?.mtls)?.enabledBackend) !== '';
}
