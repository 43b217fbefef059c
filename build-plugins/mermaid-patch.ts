import type { Plugin } from 'vite';

/** A piece of mermaid's published code, and what takes its place. */
export interface MermaidReplacement {
  readonly theirs: string;
  readonly ours: string;
}

export interface MermaidPatch {
  /** The plugin's name, after `kuma-dashboard-`. */
  readonly name: string;
  /** All found in one module of mermaid's `dist`, each replaced once. */
  readonly replacements: readonly MermaidReplacement[];
  /** Plain JavaScript added at the end of that module (functions the replacements call). */
  readonly appended?: string;
  /** What the build says when no module has them all: which code to look at again. */
  readonly missing: string;
}

/**
 * A build plugin that changes a few exact pieces of mermaid's code. The build fails when they
 * are not found, so a mermaid upgrade cannot drop the change silently.
 */
export function mermaidPatch({ name, replacements, appended, missing }: MermaidPatch): Plugin {
  let replaced = false;
  return {
    name: `kuma-dashboard-${name}`,
    apply: 'build',
    transform(code, id) {
      if (
        !/[\\/]mermaid[\\/]dist[\\/]/.test(id) ||
        !replacements.every(({ theirs }) => code.includes(theirs))
      )
        return;
      replaced = true;
      let patched = code;
      for (const { theirs, ours } of replacements) patched = patched.replace(theirs, ours);
      return { code: appended ? `${patched}\n${appended}\n` : patched, map: null };
    },
    buildEnd(error) {
      if (!error && !replaced) this.error(missing);
    },
  };
}

/** A patch plugin's hooks, callable from a test. */
export function patchHooks(plugin: Plugin) {
  const transform = plugin.transform as (code: string, id: string) => { code: string } | undefined;
  const buildEnd = plugin.buildEnd as (
    this: { error: (message: string) => never },
    error?: Error,
  ) => void;
  const context = {
    error: (message: string): never => {
      throw new Error(message);
    },
  };
  return {
    transform: (code: string, id: string) => transform.call(plugin, code, id),
    buildEnd: (error?: Error) => buildEnd.call(context, error),
  };
}
