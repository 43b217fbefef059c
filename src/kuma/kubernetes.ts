import type { ResourceMeta } from './types';

/** Legacy types whose Kubernetes object lives in a namespace; the other legacy ones are cluster-scoped. */
const NAMESPACED_LEGACY = new Set(['Dataplane', 'DataplaneInsight']);
/** Legacy types keep their payload at the top level in Universal form. */
const POLICY_LIKE_KEYS = ['spec', 'status'];

export const DEFAULT_SYSTEM_NAMESPACE = 'kuma-system';

export interface KubernetesOptions {
  /**
   * `all` keeps the resource's labels (for YAML a user applies); `mesh-only` is what kuma-cp's
   * `?format=kubernetes` shows: no labels but the mesh label of namespaced new-style kinds.
   */
  labels?: 'all' | 'mesh-only';
}

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
  options: KubernetesOptions = {},
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
  const isPolicyShape = 'spec' in rest;
  const clusterScoped = !isPolicyShape && !NAMESPACED_LEGACY.has(type);
  const objectLabels = options.labels === 'mesh-only' ? {} : { ...(labels ?? {}) };
  // New-style kinds carry their mesh as a label; legacy ones as a top-level `mesh` field.
  if (mesh && isPolicyShape) objectLabels['kuma.io/mesh'] = mesh;
  const object: KubernetesObject = {
    apiVersion: 'kuma.io/v1alpha1',
    kind: type,
    ...(!isPolicyShape && mesh ? { mesh } : {}),
    metadata: {
      name,
      ...(clusterScoped ? {} : { namespace }),
      ...(Object.keys(objectLabels).length > 0 ? { labels: objectLabels } : {}),
      // Kubernetes timestamps have whole seconds.
      ...(creationTime
        ? { creationTimestamp: new Date(creationTime).toISOString().replace(/\.\d+Z$/, 'Z') }
        : {}),
    },
  };
  if (isPolicyShape) {
    object.spec = rest.spec;
    if (rest.status !== undefined)
      (object as KubernetesObject & { status?: unknown }).status = rest.status;
  } else {
    const spec = Object.fromEntries(
      Object.entries(rest).filter(([key]) => !POLICY_LIKE_KEYS.includes(key)),
    );
    if (Object.keys(spec).length > 0) object.spec = spec;
  }
  return object;
}
