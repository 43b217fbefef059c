/**
 * Shell commands for a resource, without the YAML library (the gateway screens' entry points use
 * these, and must not pull YAML into their chunk). Comparing resources is in
 * `kuma/mutations/resource-version.ts`.
 */
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
