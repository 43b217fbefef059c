/**
 * Kuma's own validation rules, reported exactly as Kuma's validators report them (field path +
 * message). Pure functions: no I/O, no React, no Node APIs; shared by the demo control plane
 * (PUT requests) and the SPA's forms.
 */

import type { Violation } from './violations';

export { type Admission, type AdmittedKind, admitResource, isAdmittedKind } from './admission';
export { storeErrorTitle, type ValidationContext } from './context';
export { type DataplaneKind, dataplaneKind, validateDataplane } from './dataplane';
export {
  DNS1123_SUBDOMAIN_PATTERN,
  MSG_DNS1123_SUBDOMAIN,
  validateGatewayHostname,
  validatePreciseHostname,
} from './hostname';
export { isDNSName, isIP, isIPSloppy } from './ip';
export { labelValueErrors, qualifiedNameErrors, validateLabelSyntax } from './labels';
export { isMtlsEnabled, MESH_SERVICES_MODES, validateMesh } from './mesh';
export {
  isCrossMeshListener,
  listenerProtocol,
  tlsMode,
  validateMeshGateway,
} from './mesh-gateway';
export {
  GATEWAY_SERVICE_TYPES,
  type MeshGatewayInstanceInput,
  type MeshGatewayInstanceOptions,
  meshGatewayInstanceServiceTag,
  validateMeshGatewayInstance,
} from './mesh-gateway-instance';
export {
  HEADER_NAME_PATTERN,
  meshHttpRouteHostnameWarnings,
  validateMeshHTTPRoute,
} from './mesh-http-route';
export {
  validateMeshCreate,
  validateMeshUpdate,
  withMeshDefaults,
} from './mesh-manager';
export { MESH_SERVICE_MAX_NAME_LENGTH, validateMeshService } from './mesh-service';
export { validateMeshTCPRoute } from './mesh-tcp-route';
export { TRAFFIC_ACTIONS, validateMeshTrafficPermission } from './mesh-traffic-permission';
export { policyDeprecations } from './policy-deprecations';
export { MSG_PORT_RANGE, validatePort } from './port';
export {
  MSG_MESH_CHARS,
  MSG_NAME_RFC1123,
  validateMeshReference,
  validateResourceName,
} from './resource-name';
export { backendRefKinds, routeTopLevelKinds } from './route-target';
export {
  meshGatewayInstanceRuntimeWarnings,
  meshGatewayRuntimeWarnings,
  NODE_PORT_RANGE,
} from './runtime-warnings';
export {
  EXTERNAL_SERVICE_TAG,
  GATEWAY_RESERVED_TAG_KEYS,
  PROTOCOL_TAG,
  SERVICE_TAG,
  type TagRuleOptions,
  validateSelectorTags,
  validateTagValues,
  ZONE_TAG,
} from './tags';
export { type TargetRefRules, validateTargetRef } from './target-ref';
export { goQuote, PathBuilder, rootedAt, type Violation, ViolationList } from './violations';
export {
  type PutVerdict,
  predictPut,
  validateWriteRequest,
  type WriteRequest,
  type WriteTarget,
} from './write-request';

/** Prefix every field with `prefix.` (e.g. `spec` for a MeshGateway CRD's webhook message). */
export function prefixViolations(violations: readonly Violation[], prefix: string): Violation[] {
  return violations.map((v) => ({ ...v, field: v.field === '' ? prefix : `${prefix}.${v.field}` }));
}

/** `field: message; field: message`, as Kuma's `ValidationError.Error()` joins them. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.field}: ${v.message}`).join('; ');
}
