import type { ResourceMeta } from './types';

/** Resource types whose Kubernetes object is cluster-scoped, with the mesh as a top-level field. */
const CLUSTER_SCOPED = new Set(['Mesh', 'MeshGateway', 'Zone']);
/** Legacy types keep their payload at the top level in Universal form. */
const POLICY_LIKE_KEYS = ['spec', 'status'];

export const DEFAULT_SYSTEM_NAMESPACE = 'kuma-system';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  mesh?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: unknown;
}

/**
 * The Universal (REST) form of a resource rendered as the CRD object `kubectl apply` takes,
 * as kuma-cp's `?format=kubernetes` does. Namespaced policies land in the system namespace,
 * where gateway routes must live.
 */
export function toKubernetesObject(
  resource: ResourceMeta & Record<string, unknown>,
  namespace = DEFAULT_SYSTEM_NAMESPACE,
): KubernetesObject {
  const {
    type,
    mesh,
    name,
    creationTime,
    modificationTime: _m,
    labels,
    kri: _k,
    ...rest
  } = resource;
  const clusterScoped = CLUSTER_SCOPED.has(type);
  const isPolicyShape = 'spec' in rest;
  const objectLabels = { ...(labels ?? {}) };
  if (mesh && !clusterScoped) objectLabels['kuma.io/mesh'] = mesh;
  const object: KubernetesObject = {
    apiVersion: 'kuma.io/v1alpha1',
    kind: type,
    ...(clusterScoped && mesh ? { mesh } : {}),
    metadata: {
      name,
      ...(clusterScoped ? {} : { namespace }),
      ...(Object.keys(objectLabels).length > 0 ? { labels: objectLabels } : {}),
      ...(creationTime ? { creationTimestamp: creationTime } : {}),
    },
  };
  if (isPolicyShape) {
    object.spec = rest.spec;
  } else {
    const spec = Object.fromEntries(
      Object.entries(rest).filter(([key]) => !POLICY_LIKE_KEYS.includes(key)),
    );
    if (Object.keys(spec).length > 0) object.spec = spec;
  }
  return object;
}
