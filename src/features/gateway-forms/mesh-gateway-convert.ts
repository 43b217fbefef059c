/**
 * Built-in gateway form ⇄ resources: the MeshGateway, its BUILTIN gateway Dataplanes (capacity
 * on Universal) and its MeshGatewayInstance (capacity on Kubernetes). Pure functions.
 */

import type {
  Dataplane,
  DataSource,
  Labels,
  MeshGateway,
  MeshGatewayListener,
} from '../../kuma/types';
import type { MeshGatewayInstanceInput } from '../../kuma/validation';
import {
  type CertificateRow,
  type CertificateSourceKind,
  extraFields,
  type InstanceForm,
  isRecord,
  type ListenerForm,
  type ListenerProtocolChoice,
  type MeshGatewayForm,
  type MeshGatewayInstanceForm,
  numberText,
  parseWholeNumber,
  rowsFromTags,
  type TlsModeChoice,
  tagsFromRows,
} from './model';

const CERTIFICATE_SOURCES: readonly CertificateSourceKind[] = [
  'secret',
  'inline',
  'inlineString',
  'file',
];

const LISTENER_FIELDS = [
  'port',
  'protocol',
  'hostname',
  'tls',
  'tags',
  'crossMesh',
  'resources',
] as const;

/** TLS settings apply to HTTPS and TLS listeners; other protocols never carry a `tls` block. */
export function protocolUsesTls(protocol: string): boolean {
  return protocol === 'HTTPS' || protocol === 'TLS';
}

function certificateFromRow(row: CertificateRow): DataSource {
  return { [row.source]: row.value } as DataSource;
}

function listenerFromForm(form: ListenerForm): MeshGatewayListener {
  const extra = (form.extra ?? {}) as Partial<MeshGatewayListener> & { tlsOptions?: unknown };
  const { tlsOptions, ...rest } = extra;
  const listener: MeshGatewayListener = { ...rest };
  const port = parseWholeNumber(form.port);
  if (port !== undefined) listener.port = port;
  if (form.protocol !== '') listener.protocol = form.protocol;
  if (form.hostname !== '') listener.hostname = form.hostname;
  if (protocolUsesTls(form.protocol)) {
    const certificates =
      form.tlsMode === 'PASSTHROUGH' ? [] : form.certificates.map(certificateFromRow);
    if (form.tlsMode !== '' || certificates.length > 0) {
      listener.tls = {
        ...(form.tlsMode !== '' ? { mode: form.tlsMode } : {}),
        ...(certificates.length > 0 ? { certificates } : {}),
        ...(isRecord(tlsOptions) ? { options: tlsOptions as Record<string, never> } : {}),
      };
    }
  }
  const tags = tagsFromRows(form.tags);
  if (Object.keys(tags).length > 0) listener.tags = tags;
  if (form.crossMesh) listener.crossMesh = true;
  const limit = parseWholeNumber(form.connectionLimit);
  if (limit !== undefined) listener.resources = { connectionLimit: limit };
  return listener;
}

/** The MeshGateway the form describes, with every listener in form order. */
export function meshGatewayFromForm(
  form: MeshGatewayForm,
  meta: { mesh: string; labels?: Labels },
): MeshGateway {
  const tags = tagsFromRows(form.tags);
  return {
    type: 'MeshGateway',
    mesh: meta.mesh,
    name: form.name,
    ...(meta.labels && Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
    selectors: form.selectors.map((selector) => ({ match: tagsFromRows(selector.tags) })),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    conf: { listeners: form.listeners.map(listenerFromForm) },
  };
}

function certificateRow(source: DataSource): CertificateRow {
  for (const kind of CERTIFICATE_SOURCES) {
    const value = source[kind];
    if (typeof value === 'string') return { source: kind, value };
  }
  return { source: 'secret', value: '' };
}

function listenerToForm(listener: MeshGatewayListener): ListenerForm {
  const protocol = listener.protocol === 'NONE' ? '' : (listener.protocol ?? '');
  const mode = listener.tls?.mode === 'NONE' ? '' : (listener.tls?.mode ?? '');
  const extra = extraFields(listener as Record<string, unknown>, LISTENER_FIELDS) ?? {};
  if (listener.tls?.options !== undefined) extra.tlsOptions = listener.tls.options;
  return {
    port: numberText(listener.port),
    protocol: protocol as ListenerProtocolChoice,
    hostname: listener.hostname ?? '',
    tlsMode: mode as TlsModeChoice,
    certificates: (listener.tls?.certificates ?? []).map(certificateRow),
    crossMesh: listener.crossMesh === true,
    tags: rowsFromTags(listener.tags),
    connectionLimit: numberText(listener.resources?.connectionLimit),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

/** The editable part of a stored MeshGateway (capacity is edited separately). */
export function meshGatewayToForm(
  gateway: MeshGateway,
  capacity: Pick<MeshGatewayForm, 'instances' | 'kubernetes'>,
): MeshGatewayForm {
  return {
    name: gateway.name,
    selectors: (gateway.selectors ?? []).map((selector) => ({
      tags: rowsFromTags(selector.match),
    })),
    tags: rowsFromTags(gateway.tags),
    listeners: (gateway.conf?.listeners ?? []).map(listenerToForm),
    ...capacity,
  };
}

// ------------------------------------------------------------------ capacity

/**
 * The gateway tags a new instance gets: the first selector's tags, minus `*` values (a selector
 * may match any value; a Dataplane tag is one value).
 */
export function instanceTags(form: MeshGatewayForm): Record<string, string> {
  const first = form.selectors[0];
  const tags = tagsFromRows(first?.tags ?? []);
  return Object.fromEntries(Object.entries(tags).filter(([, value]) => value !== '*'));
}

/** A BUILTIN gateway Dataplane for one instance row (Universal capacity). */
export function gatewayDataplaneFromForm(
  instance: InstanceForm,
  form: MeshGatewayForm,
  mesh: string,
): Dataplane {
  return {
    type: 'Dataplane',
    mesh,
    name: instance.name,
    networking: {
      address: instance.address,
      gateway: { type: 'BUILTIN', tags: instanceTags(form) },
    },
  };
}

/** The Kubernetes object a MeshGatewayInstance form describes (2.6: tags with the service). */
export function meshGatewayInstanceFromForm(
  instance: MeshGatewayInstanceForm,
  gatewayName: string,
  mesh: string,
): MeshGatewayInstanceInput & { apiVersion: string; kind: string } {
  const replicas = parseWholeNumber(instance.replicas);
  const requests = {
    ...(instance.cpuRequest ? { cpu: instance.cpuRequest } : {}),
    ...(instance.memoryRequest ? { memory: instance.memoryRequest } : {}),
  };
  const limits = {
    ...(instance.cpuLimit ? { cpu: instance.cpuLimit } : {}),
    ...(instance.memoryLimit ? { memory: instance.memoryLimit } : {}),
  };
  const resources = {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
  const tags = tagsFromRows(instance.tags);
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'MeshGatewayInstance',
    metadata: {
      name: gatewayName,
      namespace: instance.namespace,
      // Without the label the namespace's label applies, then `default`.
      ...(mesh !== 'default' ? { labels: { 'kuma.io/mesh': mesh } } : {}),
    },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      ...(instance.serviceType ? { serviceType: instance.serviceType } : {}),
      ...(Object.keys(resources).length > 0 ? { resources } : {}),
      ...(Object.keys(tags).length > 0 ? { tags } : {}),
    },
  };
}
