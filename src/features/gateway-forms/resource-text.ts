/**
 * Comparing resources and writing shell commands, without the YAML library (the gateway screens'
 * entry points use these, and must not pull YAML into their chunk).
 */
import type { ResourceMeta } from '../../kuma/types';

/** Fields the control plane sets on every stored resource; never part of what the user writes. */
const SERVER_FIELDS = ['creationTime', 'modificationTime', 'kri'] as const;

/** Labels kuma-cp adds to new-style resources it stores (2.9+); kept out of comparisons. */
const COMPUTED_LABELS = ['kuma.io/env', 'kuma.io/mesh', 'kuma.io/zone'] as const;

/** A resource as the user would write it: no server timestamps or kri, no computed labels. */
export function normalizeStored<T extends ResourceMeta>(resource: T): T {
  const copy = { ...resource } as Record<string, unknown>;
  for (const field of SERVER_FIELDS) delete copy[field];
  if (copy.labels && typeof copy.labels === 'object') {
    const labels = Object.fromEntries(
      Object.entries(copy.labels as Record<string, string>).filter(
        ([key]) => !(COMPUTED_LABELS as readonly string[]).includes(key),
      ),
    );
    if (Object.keys(labels).length > 0) copy.labels = labels;
    else delete copy.labels;
  }
  return copy as T;
}

/** Key order does not matter to the control plane; comparisons sort keys first. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return inner;
  });
}

export function applyCommand(tool: ApplyTool, yaml: string): string {
  const body = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  return `${tool} apply -f - <<'EOF'\n${body}EOF\n`;
}

/** Characters a POSIX shell word may hold without quoting; anything else is quoted. */
const SHELL_SAFE = /^[A-Za-z0-9._:/=@%+-]+$/;

/**
 * One shell word holding exactly `value`: left as is when it only has safe characters, else
 * single-quoted, with each `'` inside written `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  return SHELL_SAFE.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

export function deleteCommand(
  tool: ApplyTool,
  resource: { type: string; name: string; mesh?: string },
  systemNamespace: string,
): string {
  const kind = shellQuote(resource.type.toLowerCase());
  if (tool === 'kumactl') {
    const mesh = resource.mesh ? ` -m ${shellQuote(resource.mesh)}` : '';
    return `kumactl delete ${kind} ${shellQuote(resource.name)}${mesh}`;
  }
  if (resource.type === 'MeshGateway') {
    return `kubectl delete meshgateway ${shellQuote(resource.name)}`;
  }
  const suffix = `.${systemNamespace}`;
  const name = resource.name.endsWith(suffix)
    ? resource.name.slice(0, -suffix.length)
    : resource.name;
  return `kubectl delete ${kind} ${shellQuote(name)} -n ${shellQuote(systemNamespace)}`;
}

export type ApplyTool = 'kumactl' | 'kubectl';
