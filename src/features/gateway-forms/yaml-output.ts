/**
 * What the forms show and copy: the resources as YAML, Universal for `kumactl apply` and as the
 * CRD objects `kubectl apply` takes.
 */

import { stringify } from 'yaml';
import { toKubernetesObject } from '../../kuma/kubernetes';
import { normalizeStored } from '../../kuma/mutations/resource-version';
import type { ResourceMeta } from '../../kuma/types';
import { redactInlineCertificates } from '../gateways';
import { type DiffLine, diffLines } from './line-diff';

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

/** `value` with its keys in `template`'s order (new keys after), deeply: order is no change. */
export function orderLike(value: unknown, template: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      orderLike(item, Array.isArray(template) ? template[i] : undefined),
    );
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const model =
    template !== null && typeof template === 'object' && !Array.isArray(template)
      ? (template as Record<string, unknown>)
      : {};
  const keys = [
    ...Object.keys(model).filter((key) => key in object),
    ...Object.keys(object).filter((key) => !(key in model)),
  ];
  return Object.fromEntries(keys.map((key) => [key, orderLike(object[key], model[key])]));
}

/** kuma-cp serves type, mesh, name and labels first. */
export const META_ORDER = { type: '', mesh: '', name: '', labels: {} };

/**
 * The diff from what is stored to what the form writes, line by line. Key order is no change:
 * the stored side is read in the wire schema's order, ours in the form's, so both are put in
 * kuma-cp's (type, mesh, name, labels first) and ours follows the stored one's (`after[i]`
 * pairs with `before[i]`; extra documents are whole additions).
 */
export function storedDiff(before: readonly unknown[], after: readonly unknown[]): DiffLine[] {
  const stored = before.map((resource) => orderLike(resource, META_ORDER));
  const ours = after.map((resource, i) => orderLike(resource, stored[i] ?? META_ORDER));
  return diffLines(displayYaml(stored), displayYaml(ours));
}
