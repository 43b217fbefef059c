/**
 * MeshService rules from `pkg/core/resources/apis/meshservice/api/v1alpha1/validator.go`: the
 * display name is capped, and from 2.14 (when `dataplaneLabels` arrived) at most one selector
 * may be set. Ports are the schema's business (`port` required, an int32); kuma-cp checks
 * nothing else about them.
 */
import type { MeshService } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asRecord, asString, isPresent } from './guards';
import { rootedAt, type Violation, ViolationList } from './violations';

/** MeshService names become DNS labels, so Kuma caps them at 63 characters. */
export const MESH_SERVICE_MAX_NAME_LENGTH = 63;

/** Go's `len` of a string: its UTF-8 bytes. */
function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** Paths start with `spec.` except `name`. */
export function validateMeshService(s: MeshService, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const resource = asRecord(s) ?? {};
  const labels = asRecord(resource.labels);
  const displayName = asString(labels?.['kuma.io/display-name']) || asString(resource.name);
  if (byteLength(displayName) > MESH_SERVICE_MAX_NAME_LENGTH) {
    out.add(rootedAt('name'), `must not be longer than ${MESH_SERVICE_MAX_NAME_LENGTH} characters`);
  }

  if (atLeast(ctx, 2, 14)) {
    const selector = asRecord(asRecord(resource.spec)?.selector) ?? {};
    const selectors = ['dataplaneTags', 'dataplaneRef', 'dataplaneLabels'].filter((key) =>
      isPresent(selector[key]),
    );
    if (selectors.length > 1) {
      out.add(
        rootedAt('spec').field('selector'),
        'must specify only one of: dataplaneTags, dataplaneRef, or dataplaneLabels',
      );
    }
  }
  return out.items;
}
