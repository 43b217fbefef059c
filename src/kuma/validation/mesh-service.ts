/**
 * Basic MeshService rules. Kuma's own validator checks the name length and that only one
 * selector is used; the port checks below are dashboard rules (the CRD schema does not bound
 * ports), worded like Kuma's `ValidatePort`.
 */
import type { MeshService } from '../types';
import type { ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { validatePort } from './port';
import { rootedAt, type Violation, ViolationList } from './violations';

/** MeshService names become DNS labels, so Kuma caps them at 63 characters. */
export const MESH_SERVICE_MAX_NAME_LENGTH = 63;

/** Paths start with `spec.` except `name`. */
export function validateMeshService(s: MeshService, _ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const resource = asRecord(s) ?? {};
  const labels = asRecord(resource.labels);
  const displayName = asString(labels?.['kuma.io/display-name']) || asString(resource.name);
  if (displayName.length > MESH_SERVICE_MAX_NAME_LENGTH) {
    out.add(rootedAt('name'), `must not be longer than ${MESH_SERVICE_MAX_NAME_LENGTH} characters`);
  }

  const spec = asRecord(resource.spec) ?? {};
  const portsPath = rootedAt('spec').field('ports');
  const ports = asArray(spec.ports);
  if (ports.length === 0) {
    out.add(portsPath, 'must not be empty');
  }
  ports.forEach((port, i) => {
    validatePort(out, portsPath.index(i).field('port'), asRecord(port)?.port);
  });

  const selector = asRecord(spec.selector) ?? {};
  const selectors = ['dataplaneTags', 'dataplaneRef', 'dataplaneLabels'].filter((k) =>
    isPresent(selector[k]),
  );
  if (selectors.length > 1) {
    out.add(
      rootedAt('spec').field('selector'),
      'must specify only one of: dataplaneTags, dataplaneRef, or dataplaneLabels',
    );
  }
  return out.items;
}
