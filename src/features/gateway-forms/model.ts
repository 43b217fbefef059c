/**
 * What the gateway forms edit: strings for numbers, rows for maps and lists, and an `extra`
 * bag per row for the parts of a stored resource the form does not show, so editing never
 * drops them. Pure data and small helpers; no React.
 */
import type { Capabilities } from '../../kuma/capabilities';
import { DEFAULT_SYSTEM_NAMESPACE } from '../../kuma/kubernetes';
import type { Mesh } from '../../kuma/types';
import { meshGatewayInstanceServiceTag as instanceServiceTag } from '../../kuma/validation/mesh-gateway-instance';
import { isAtLeast, type KumaVersion } from '../../kuma/version';

export interface TagRow {
  key: string;
  value: string;
}

/** Where a TLS certificate comes from. New rows use `secret`; the others are kept from stored resources. */
export type CertificateSourceKind = 'secret' | 'inline' | 'inlineString' | 'file';

export interface CertificateRow {
  source: CertificateSourceKind;
  value: string;
  /** Set in drafts, which never keep inline certificate or key material. */
  redacted?: boolean;
}

export type ListenerProtocolChoice = '' | 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
export type TlsModeChoice = '' | 'TERMINATE' | 'PASSTHROUGH';

export interface ListenerForm {
  port: string;
  protocol: ListenerProtocolChoice;
  hostname: string;
  tlsMode: TlsModeChoice;
  certificates: CertificateRow[];
  crossMesh: boolean;
  tags: TagRow[];
  connectionLimit: string;
  /** Fields of the stored listener the form does not show (e.g. `tls.options`). */
  extra?: Record<string, unknown>;
}

export interface SelectorForm {
  tags: TagRow[];
}

/** One BUILTIN gateway Dataplane to register on Universal (the gateway's capacity). */
export interface InstanceForm {
  name: string;
  address: string;
}

/** The MeshGatewayInstance of a built-in gateway on Kubernetes. */
export interface MeshGatewayInstanceForm {
  enabled: boolean;
  namespace: string;
  replicas: string;
  serviceType: string;
  cpuRequest: string;
  memoryRequest: string;
  cpuLimit: string;
  memoryLimit: string;
  /** 2.6 requires `kuma.io/service` here; 2.9+ forbids it. */
  tags: TagRow[];
}

export interface MeshGatewayForm {
  name: string;
  selectors: SelectorForm[];
  tags: TagRow[];
  listeners: ListenerForm[];
  instances: InstanceForm[];
  kubernetes: MeshGatewayInstanceForm;
}

export type PathMatchType = '' | 'PathPrefix' | 'Exact' | 'RegularExpression';

export interface HeaderMatchForm {
  type: string;
  name: string;
  value: string;
}

export interface QueryMatchForm {
  type: string;
  name: string;
  value: string;
}

export interface MatchForm {
  pathType: PathMatchType;
  pathValue: string;
  method: string;
  headers: HeaderMatchForm[];
  queryParams: QueryMatchForm[];
}

/**
 * `ref`: a real MeshService resource (name + port), a `kuma.io/service` tag value (MeshService
 * without port), or another kind kept as stored (MeshServiceSubset, MeshExternalService,
 * MeshMultiZoneService).
 */
export type BackendRefChoice =
  | 'MeshService'
  | 'service'
  | 'MeshServiceSubset'
  | 'MeshExternalService'
  | 'MeshMultiZoneService';

export interface BackendForm {
  ref: BackendRefChoice;
  name: string;
  namespace: string;
  port: string;
  weight: string;
  extra?: Record<string, unknown>;
}

export interface HttpRuleForm {
  matches: MatchForm[];
  backends: BackendForm[];
  /** Filters are kept as stored; the form shows them but does not edit them. */
  filters: unknown[];
}

export interface HttpEntryForm {
  hostnames: { value: string }[];
  rules: HttpRuleForm[];
}

export interface HttpRouteForm {
  name: string;
  targetTags: TagRow[];
  entries: HttpEntryForm[];
}

export interface TcpRouteForm {
  name: string;
  targetTags: TagRow[];
  backends: BackendForm[];
}

export type OutboundTarget = 'service' | 'MeshService';

export interface OutboundForm {
  port: string;
  target: OutboundTarget;
  service: string;
  name: string;
  namespace: string;
  targetPort: string;
  extra?: Record<string, unknown>;
}

export interface DelegatedForm {
  name: string;
  address: string;
  service: string;
  tags: TagRow[];
  outbounds: OutboundForm[];
  /** Dataplane fields the form does not show (admin, probes, transparentProxying, …). */
  extra?: Record<string, unknown>;
}

/** Helm values and annotations for a delegated Kong gateway on Kubernetes. */
export interface DelegatedKubernetesForm {
  release: string;
  namespace: string;
  chart: 'kong/ingress' | 'kong/kong';
}

// ------------------------------------------------------------------ what the forms depend on

/** Everything version-, environment- and mesh-dependent a form needs; derived once per page. */
export interface FormContext {
  version: KumaVersion;
  environment: 'universal' | 'kubernetes';
  mode: Capabilities['mode'];
  product: string;
  mesh: string;
  /** The mesh resource, when loaded (mTLS for cross-mesh, meshServices mode for backends). */
  meshResource?: Mesh;
  federatedZone: boolean;
  /** The zone the control plane stamps on what it stores (`default` unless configured). */
  zoneName: string;
  systemNamespace: string;
}

export function formContext(caps: Capabilities, mesh: string, meshResource?: Mesh): FormContext {
  return {
    version: caps.version,
    environment: caps.environment,
    mode: caps.mode,
    product: caps.product,
    mesh,
    meshResource,
    federatedZone: caps.federatedZone,
    zoneName: caps.zoneName ?? 'default',
    systemNamespace: systemNamespaceOf(caps.product),
  };
}

export function systemNamespaceOf(product: string): string {
  return /kong mesh/i.test(product) ? 'kong-mesh-system' : DEFAULT_SYSTEM_NAMESPACE;
}

/** §1.3: how a MeshGatewayInstance names its Dataplanes' service, by release (Kuma's rule, shared). */
export function meshGatewayInstanceServiceTag(
  version: KumaVersion,
  name: string,
  namespace: string,
  tags: TagRow[],
): string | undefined {
  return instanceServiceTag(
    { metadata: { name, namespace }, spec: { tags: tagsFromRows(tags) } },
    { version },
  );
}

// ------------------------------------------------------------------ row helpers

export function isBlankTagRow(row: TagRow): boolean {
  return row.key === '' && row.value === '';
}

/** Rows → map. Blank rows are ignored; with a repeated key the first row wins (the form flags the rest). */
export function tagsFromRows(rows: readonly TagRow[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const row of rows) {
    if (isBlankTagRow(row) || Object.hasOwn(tags, row.key)) continue;
    // defineProperty keeps a "__proto__" key a key.
    Object.defineProperty(tags, row.key, {
      value: row.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return tags;
}

export function rowsFromTags(tags: Record<string, string> | undefined): TagRow[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/** A whole number typed in a text field; anything else (blank, "8O", "1.5") is undefined. */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function numberText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/** The keys of `record` that are not in `known`, as a new object (undefined when none). */
export function extraFields(
  record: Record<string, unknown> | undefined,
  known: readonly string[],
): Record<string, unknown> | undefined {
  if (!record) return undefined;
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !known.includes(key)));
  return Object.keys(extra).length > 0 ? extra : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ------------------------------------------------------------------ blank values

export function emptyTagRow(): TagRow {
  return { key: '', value: '' };
}

export function emptyListener(port = ''): ListenerForm {
  return {
    port,
    protocol: 'HTTP',
    hostname: '',
    tlsMode: '',
    certificates: [],
    crossMesh: false,
    tags: [],
    connectionLimit: '',
  };
}

export function emptyMeshGatewayInstance(version: KumaVersion): MeshGatewayInstanceForm {
  return {
    enabled: true,
    namespace: 'default',
    replicas: '1',
    serviceType: 'LoadBalancer',
    cpuRequest: '',
    memoryRequest: '',
    cpuLimit: '',
    memoryLimit: '',
    // 2.6 requires the service tag on the instance; it follows the gateway name until edited.
    tags: isAtLeast(version, 2, 7) ? [] : [{ key: 'kuma.io/service', value: '' }],
  };
}

export function emptyMeshGatewayForm(version: KumaVersion): MeshGatewayForm {
  return {
    name: '',
    selectors: [{ tags: [{ key: 'kuma.io/service', value: '' }] }],
    tags: [],
    listeners: [emptyListener('8080')],
    instances: [],
    kubernetes: emptyMeshGatewayInstance(version),
  };
}

export function emptyMatch(): MatchForm {
  return { pathType: 'PathPrefix', pathValue: '/', method: '', headers: [], queryParams: [] };
}

export function emptyBackend(ref: BackendRefChoice = 'service'): BackendForm {
  return { ref, name: '', namespace: '', port: '', weight: '' };
}

export function emptyHttpRule(ref?: BackendRefChoice): HttpRuleForm {
  return { matches: [emptyMatch()], backends: [emptyBackend(ref)], filters: [] };
}

export function emptyHttpRouteForm(ref?: BackendRefChoice): HttpRouteForm {
  return { name: '', targetTags: [], entries: [{ hostnames: [], rules: [emptyHttpRule(ref)] }] };
}

export function emptyTcpRouteForm(ref?: BackendRefChoice): TcpRouteForm {
  return { name: '', targetTags: [], backends: [emptyBackend(ref)] };
}

export function emptyOutbound(port = ''): OutboundForm {
  return { port, target: 'service', service: '', name: '', namespace: '', targetPort: '' };
}

export function emptyDelegatedForm(): DelegatedForm {
  return { name: '', address: '', service: '', tags: [], outbounds: [] };
}

export function emptyDelegatedKubernetesForm(): DelegatedKubernetesForm {
  return { release: 'kong', namespace: 'kong', chart: 'kong/ingress' };
}
