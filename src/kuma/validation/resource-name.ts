/**
 * Resource meta rules (`pkg/core/resources/apis/mesh/meta_validator.go`): the name must be an
 * RFC 1123 subdomain of at most 253 bytes; a mesh-scoped resource's `mesh` must match the
 * older, backward-compatible character set (as must a name kuma-cp 2.6 updates, see
 * `validateLegacyResourceName`).
 */
import { DNS1123_SUBDOMAIN_MAX_LENGTH, DNS1123_SUBDOMAIN_RE } from './hostname';
import { rootedAt, type Violation, ViolationList } from './violations';

export const MSG_NAME_RFC1123 =
  "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const MSG_MESH_CHARS =
  "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' symbols.";

const MESH_NAME_RE = /^[0-9a-z-_.]*$/;

function validateIdentifier(
  field: string,
  value: unknown,
  pattern: RegExp,
  message: string,
): Violation[] {
  const out = new ViolationList();
  const path = rootedAt(field);
  const identifier = typeof value === 'string' ? value : '';
  if (identifier === '') {
    out.add(path, 'cannot be empty');
  } else if (new TextEncoder().encode(identifier).length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    out.add(path, 'value length must less or equal 253');
  } else if (!pattern.test(identifier)) {
    out.add(path, message);
  }
  return out.items;
}

/** Field `name`: empty, longer than 253 characters, or not an RFC 1123 subdomain. */
export function validateResourceName(name: string): Violation[] {
  return validateIdentifier('name', name, DNS1123_SUBDOMAIN_RE, MSG_NAME_RFC1123);
}

/**
 * Field `name` of a resource kuma-cp 2.6 updates (`ValidateMetaBackwardsCompatible`): names
 * stored before 2.5 may keep `_`, so only the backward-compatible character set applies.
 */
export function validateLegacyResourceName(name: string): Violation[] {
  return validateIdentifier('name', name, MESH_NAME_RE, MSG_MESH_CHARS);
}

/** Field `mesh` of a mesh-scoped resource: empty, too long, or outside `[0-9a-z-_.]`. */
export function validateMeshReference(mesh: string): Violation[] {
  return validateIdentifier('mesh', mesh, MESH_NAME_RE, MSG_MESH_CHARS);
}
