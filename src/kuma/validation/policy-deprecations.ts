/**
 * The `warnings` kuma-cp returns with a successful PUT of a new-style kind
 * (`core_model.Deprecations`, the kind's `deprecated.go`), computed from the resource as stored:
 * its spec after the Go structs, its labels as the control plane computed them. kuma-cp answers
 * with a body from 2.10, so earlier releases have none to show.
 */
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { goQuote } from './violations';

const MSG_DNS1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_DNS1035_LABEL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MAX_LENGTH = 63;
const SNI_MAX_LENGTH = 253;

/** Go's `len`: UTF-8 bytes. */
function byteLength(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** k8s `IsDNS1123Label`. */
function dns1123LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_MAX_LENGTH) {
    errors.push(`must be no more than ${LABEL_MAX_LENGTH} characters`);
  }
  if (!DNS1123_LABEL_RE.test(value)) {
    errors.push(DNS1123_SUBDOMAIN_RE.test(value) ? 'must not contain dots' : MSG_DNS1123_LABEL);
  }
  return errors;
}

/** k8s `IsDNS1035Label`. */
function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_MAX_LENGTH) {
    errors.push(`must be no more than ${LABEL_MAX_LENGTH} characters`);
  }
  if (!DNS1035_LABEL_RE.test(value)) errors.push(MSG_DNS1035_LABEL);
  return errors;
}

/** `validators.TopLevelTargetRefDeprecations`: kinds that `Dataplane` (or `to[]`) replaced. */
function topLevelTargetRefDeprecations(targetRef: unknown, ctx: ValidationContext): string[] {
  if (!isPresent(targetRef)) return [];
  const kind = asString(asRecord(targetRef)?.kind);
  if (kind === 'MeshService' || kind === 'MeshServiceSubset' || kind === 'MeshSubset') {
    return [`${kind} value for 'targetRef.kind' is deprecated, use Dataplane with labels instead`];
  }
  if (kind === 'MeshHTTPRoute' && atLeast(ctx, 2, 13)) {
    return [
      "MeshHTTPRoute value for 'targetRef.kind' is deprecated, use MeshHTTPRoute in spec.to[].targetRef",
    ];
  }
  return [];
}

function meshTrafficPermissionDeprecations(
  spec: Record<string, unknown>,
  ctx: ValidationContext,
): string[] {
  const from = asArray(spec.from);
  const out: string[] = [];
  if (atLeast(ctx, 2, 14) && from.length > 0) {
    out.push(
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
    );
  }
  for (const item of from) {
    if (asString(asRecord(asRecord(item)?.targetRef)?.kind) === 'MeshService') {
      out.push(
        "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with 'kuma.io/service' instead",
      );
    }
  }
  return [...out, ...topLevelTargetRefDeprecations(spec.targetRef, ctx)];
}

/**
 * The name a MeshService's KRI carries, and its SNI per port (`sni.ValidateKRI`): mesh, name
 * and zone must be DNS labels, so must each port's section (its name, or its number).
 */
function meshServiceDeprecations(
  resource: Record<string, unknown>,
  ctx: ValidationContext,
): string[] {
  const labels = asRecord(resource.labels) ?? {};
  const name = asString(labels['kuma.io/display-name']) || asString(resource.name);
  const out: string[] = [];
  const nameErrors = dns1035LabelErrors(name);
  if (nameErrors.length > 0) {
    out.push(
      `Invalid MeshService resource name: '${name}'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: ${nameErrors.join('; ')}`,
    );
  }
  if (!atLeast(ctx, 2, 14)) return out;
  const mesh = asString(resource.mesh);
  const zone = asString(labels['kuma.io/zone']);
  const namespace = asString(labels['k8s.kuma.io/namespace']);
  for (const rawPort of asArray(asRecord(resource.spec)?.ports)) {
    const port = asRecord(rawPort) ?? {};
    const section = typeof port.name === 'string' ? port.name : String(port.port ?? 0);
    const errors: string[] = [];
    if (mesh === '' || name === '' || section === '') {
      errors.push('mesh, name and sectionName must be non-empty');
    } else {
      const fields: [string, string][] = [
        ['mesh', mesh],
        ['name', name],
      ];
      if (zone !== '') {
        fields.push(['zone', zone]);
        if (namespace !== '') fields.push(['namespace', namespace]);
      }
      for (const [field, value] of fields) {
        const messages = dns1123LabelErrors(value);
        if (messages.length > 0) {
          errors.push(
            `${field} ${goQuote(value)} does not conform to RFC 1123: ${messages.join('; ')}`,
          );
        }
      }
      const sectionErrors = dns1123LabelErrors(section);
      if (sectionErrors.length > 0) errors.push(sectionErrors.join('; '));
      const segments = ['sni', 'msvc', mesh, ...(zone === '' ? [] : [zone]), name, section];
      if (zone !== '' && namespace !== '') segments.splice(4, 0, namespace);
      const sni = segments.join('.');
      if (byteLength(sni) > SNI_MAX_LENGTH) {
        errors.push(
          `computed SNI is ${byteLength(sni)} characters which exceeds the DNS hostname limit (${SNI_MAX_LENGTH})`,
        );
      }
    }
    for (const error of errors) {
      out.push(`Invalid MeshService SNI (port ${goQuote(section)}): ${error}. This is deprecated.`);
    }
  }
  return out;
}

/** What kuma-cp warns about after storing `resource` (its `spec` as the Go structs print it). */
export function policyDeprecations(
  kind: string,
  resource: Record<string, unknown>,
  ctx: ValidationContext,
): string[] {
  if (!atLeast(ctx, 2, 10)) return [];
  const spec = asRecord(resource.spec) ?? {};
  switch (kind) {
    case 'MeshHTTPRoute':
    case 'MeshTCPRoute':
      return topLevelTargetRefDeprecations(spec.targetRef, ctx);
    case 'MeshTrafficPermission':
      return meshTrafficPermissionDeprecations(spec, ctx);
    case 'MeshService':
      return meshServiceDeprecations(resource, ctx);
    default:
      return [];
  }
}
