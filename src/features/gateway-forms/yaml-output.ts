/**
 * What the forms show and copy: the resources as YAML, Universal for `kumactl apply` and as the
 * CRD objects `kubectl apply` takes.
 */
import { stringify } from 'yaml';
import { toKubernetesObject } from '../../kuma/kubernetes';
import type { ResourceMeta } from '../../kuma/types';
import { redactInlineCertificates } from '../gateways';
import { normalizeStored } from './resource-text';

export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Several documents as one `---`-separated stream. */
export function yamlStream(documents: readonly unknown[]): string {
  return documents.map(toYaml).join('---\n');
}

/** YAML for display and diffs: inline certificate and key material is never shown. */
export function displayYaml(resources: readonly unknown[]): string {
  return yamlStream(resources.map((resource) => redactInlineCertificates(resource).value));
}

/**
 * The Kubernetes object of a Universal resource. A namespaced resource read from a Kubernetes
 * control plane carries its namespace in its name (`route.kuma-system`); the object does not.
 */
export function kubernetesObject(resource: ResourceMeta, systemNamespace: string): object {
  const suffix = `.${systemNamespace}`;
  const name =
    resource.type !== 'MeshGateway' && resource.name.endsWith(suffix)
      ? resource.name.slice(0, -suffix.length)
      : resource.name;
  return toKubernetesObject(
    normalizeStored({ ...resource, name }) as ResourceMeta & Record<string, unknown>,
    systemNamespace,
  );
}

/** `kumactl apply -f -` / `kubectl apply -f -` with the YAML as a here-document. */

/** `kumactl delete <type> <name> -m <mesh>` / `kubectl delete <kind> <name> [-n ns]`. */
