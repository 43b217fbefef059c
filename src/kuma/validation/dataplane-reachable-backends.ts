/**
 * `networking.transparentProxying.reachableBackends.refs` (Kuma 2.9+, `validateTransparentProxying`).
 * Kuma reports these under `networking.transparentProxing` (sic): the path is a fact of the API.
 */
import { asArray, asRecord, asString, isPresent, isSet } from './guards';
import type { PathBuilder, ViolationList } from './violations';

const IDENTIFIER_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IDENTIFIER_MESSAGE =
  "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Go's `len`: identifiers are measured in UTF-8 bytes. */
function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** `validateIdentifier` with Kuma's resource-name rule; only called for a non-empty name. */
function identifierViolation(name: string): string | undefined {
  if (byteLength(name) > 253) return 'value length must less or equal 253';
  if (!IDENTIFIER_RE.test(name)) return IDENTIFIER_MESSAGE;
  return undefined;
}

export function validateReachableBackends(
  out: ViolationList,
  path: PathBuilder,
  transparentProxying: unknown,
  allowedKinds: readonly string[],
): void {
  const reachableBackends = asRecord(transparentProxying)?.reachableBackends;
  if (!isPresent(reachableBackends)) return;
  const refsPath = path.field('reachableBackends').field('refs');
  asArray(asRecord(reachableBackends)?.refs).forEach((raw, i) => {
    const ref = asRecord(raw) ?? {};
    const refPath = refsPath.index(i);
    const name = asString(ref.name);
    const namespace = asString(ref.namespace);
    const hasLabels = isSet(ref.labels);
    if (!allowedKinds.includes(asString(ref.kind))) {
      out.add(
        refPath.field('kind'),
        `invalid value. Available values are: ${allowedKinds.join(',')}`,
      );
    }
    if (name !== '') {
      const violation = identifierViolation(name);
      if (violation !== undefined) out.add(refPath.field('name'), violation);
    }
    if (name === '' && namespace === '' && !hasLabels) {
      out.add(refPath.field('name'), 'name or labels are required');
    }
    if (name === '' && namespace !== '') {
      out.add(refPath.field('name'), 'name is required, when namespace is defined');
    }
    if ((name !== '' || namespace !== '') && hasLabels) {
      out.add(refPath.field('labels'), 'labels cannot be defined when name is specified');
    }
  });
}
