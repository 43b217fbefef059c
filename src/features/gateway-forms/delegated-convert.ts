/**
 * Delegated gateway form ⇄ resources. On Universal it is a Dataplane with `networking.gateway`
 * (no `type`: DELEGATED is the zero value, which the API leaves out anyway) and outbounds; on
 * Kubernetes the control plane generates that Dataplane from a pod annotated
 * `kuma.io/gateway: enabled`, so the form produces the Kong Helm values instead.
 */
import type { Dataplane, DataplaneOutbound, Labels } from '../../kuma/types';
import { SERVICE_TAG } from '../../kuma/validation/tags';
import {
  type DelegatedForm,
  type DelegatedKubernetesForm,
  extraFields,
  numberText,
  type OutboundForm,
  parseWholeNumber,
  rowsFromTags,
  tagsFromRows,
} from './model';
import { shellQuote } from './resource-text';

export { SERVICE_TAG };

const DATAPLANE_FIELDS = ['type', 'mesh', 'name', 'labels', 'networking'] as const;
const NETWORKING_FIELDS = ['address', 'gateway', 'outbound'] as const;
const META_FIELDS = ['creationTime', 'modificationTime', 'kri'] as const;
const OUTBOUND_FIELDS = ['port', 'tags', 'backendRef'] as const;

function outboundFromForm(form: OutboundForm): DataplaneOutbound {
  const extra = (form.extra ?? {}) as Partial<DataplaneOutbound> & { extraTags?: unknown };
  const { extraTags, ...rest } = extra;
  const outbound: DataplaneOutbound = { ...rest, port: parseWholeNumber(form.port) ?? 0 };
  if (form.target === 'MeshService') {
    const port = parseWholeNumber(form.targetPort);
    outbound.backendRef = {
      kind: 'MeshService',
      ...(form.name !== '' ? { name: form.name } : {}),
      ...(form.namespace !== '' ? { namespace: form.namespace } : {}),
      ...(port !== undefined ? { port } : {}),
    };
  } else if (form.service !== '') {
    outbound.tags = {
      ...((extraTags as Record<string, string> | undefined) ?? {}),
      [SERVICE_TAG]: form.service,
    };
  }
  return outbound;
}

export function delegatedDataplaneFromForm(
  form: DelegatedForm,
  meta: { mesh: string; labels?: Labels },
): Dataplane {
  const extra = form.extra ?? {};
  const networkingExtra = (extra.networking ?? {}) as Record<string, unknown>;
  const tags = tagsFromRows([
    ...(form.service !== '' ? [{ key: SERVICE_TAG, value: form.service }] : []),
    ...form.tags,
  ]);
  const outbound = form.outbounds.map(outboundFromForm);
  const { networking: _n, ...topExtra } = extra;
  return {
    ...topExtra,
    type: 'Dataplane',
    mesh: meta.mesh,
    name: form.name,
    ...(meta.labels && Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
    networking: {
      ...networkingExtra,
      address: form.address,
      gateway: Object.keys(tags).length > 0 ? { tags } : {},
      ...(outbound.length > 0 ? { outbound } : {}),
    },
  };
}

function outboundToForm(outbound: DataplaneOutbound): OutboundForm {
  const extra = extraFields(outbound as Record<string, unknown>, OUTBOUND_FIELDS) ?? {};
  const { [SERVICE_TAG]: service = '', ...otherTags } = outbound.tags ?? {};
  if (Object.keys(otherTags).length > 0) extra.extraTags = otherTags;
  const ref = outbound.backendRef;
  return {
    port: numberText(outbound.port),
    target: ref ? 'MeshService' : 'service',
    service,
    name: ref?.name ?? '',
    namespace: ref?.namespace ?? '',
    targetPort: numberText(ref?.port),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

export function delegatedDataplaneToForm(dataplane: Dataplane): DelegatedForm {
  const networking = dataplane.networking ?? {};
  const { [SERVICE_TAG]: service = '', ...tags } = networking.gateway?.tags ?? {};
  const topExtra = extraFields(dataplane as Record<string, unknown>, [
    ...DATAPLANE_FIELDS,
    ...META_FIELDS,
  ]);
  const networkingExtra = extraFields(networking as Record<string, unknown>, NETWORKING_FIELDS);
  const extra = {
    ...(topExtra ?? {}),
    ...(networkingExtra ? { networking: networkingExtra } : {}),
  };
  return {
    name: dataplane.name,
    address: networking.address ?? '',
    service,
    tags: rowsFromTags(tags),
    outbounds: (networking.outbound ?? []).map(outboundToForm),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

// ------------------------------------------------------------------ Kubernetes

/** Helm values that mesh a Kong deployment as a delegated gateway of `mesh` (§2.1, §2.3). */
export function kongHelmValues(form: DelegatedKubernetesForm, mesh: string): object {
  const pod = {
    podAnnotations: { 'kuma.io/gateway': 'enabled' },
    ...(mesh !== 'default' ? { podLabels: { 'kuma.io/mesh': mesh } } : {}),
  };
  // kong/ingress wraps kong/kong as the `gateway` (and `controller`) sub-charts.
  return form.chart === 'kong/ingress' ? { gateway: pod } : pod;
}

/** The shell commands that install Kong with those values into an injected namespace. */
export function kongInstallCommands(form: DelegatedKubernetesForm): string {
  const release = shellQuote(form.release || 'kong');
  const namespace = shellQuote(form.namespace || 'kong');
  return [
    `kubectl create namespace ${namespace} --dry-run=client -o yaml | kubectl apply -f -`,
    `kubectl label namespace ${namespace} kuma.io/sidecar-injection=enabled --overwrite`,
    'helm repo add kong https://charts.konghq.com && helm repo update',
    `helm upgrade --install ${release} ${shellQuote(form.chart)} -n ${namespace} -f kong-values.yaml`,
  ].join('\n');
}
