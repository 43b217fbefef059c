/**
 * mermaid's `getConfig()` hands every caller a private copy of its whole configuration (every
 * diagram type's settings and ~150 theme variables), made by its `assignWithDepth`, which goes
 * over `Object.entries` and defines each property with `Object.defineProperty`. A flowchart
 * render asks for it several times for every node, label and link: a fifth of the main thread of
 * a 54-node "Only mesh-X" diagram went to those copies. This plugin gives that one function a
 * copy made with plain loops and assignments, with the same result (the test compares it with
 * mermaid's own on tricky and random configurations), and makes it once per configuration:
 * mermaid replaces its configuration object whenever it changes it (every render starts with a
 * new one), and the code a flowchart runs only reads its copy. The one write, the flowchart's
 * `init` setting `flowchart.arrowMarkerAbsolute` to the value it then hands to `setConfig`,
 * lands in a copy of the configuration `setConfig` has just replaced. The test fails when
 * mermaid starts changing its configuration object in place.
 */
import type { Plugin } from 'vite';
import { mermaidPatch } from './mermaid-patch';

/** mermaid 11.x's `getConfig`, as its ESM chunk has it. */
export const MERMAID_GET_CONFIG = `var getConfig = /* @__PURE__ */ __name(() => {
  return assignWithDepth_default({}, currentConfig);
}, "getConfig");`;

/**
 * What `assignWithDepth({}, source)` returns at depth 2: objects copied three levels down (the
 * third shallowly, with `Object.assign`), `null` values left out of the first two, arrays copied
 * without repeated items; `__proto__` is defined, never assigned, and only with an object.
 * Plain JavaScript: it goes into mermaid's chunk as it is.
 */
export const COPY_CONFIG_SOURCE = `function kumaCopyConfig(source, depth) {
  var copy = {};
  if (depth <= 0) return Object.assign(copy, source);
  for (var key of Object.keys(source)) {
    var value = source[key];
    if (value === null) continue;
    // mermaid reads the copy's inherited __proto__ (an object) and so never sets a plain value there.
    if (key === "__proto__" && typeof value !== "object") continue;
    var copied = value;
    if (Array.isArray(value)) {
      copied = [];
      for (var item of value) if (!copied.includes(item)) copied.push(item);
    } else if (typeof value === "object") {
      copied = kumaCopyConfig(value, depth - 1);
    }
    if (key === "__proto__")
      Object.defineProperty(copy, key, { value: copied, writable: true, enumerable: true, configurable: true });
    else copy[key] = copied;
  }
  return copy;
}`;

export const FAST_GET_CONFIG = `var kumaConfigCopy;
var kumaConfigCopied;
var getConfig = /* @__PURE__ */ __name(() => {
  if (kumaConfigCopied !== currentConfig) {
    kumaConfigCopy = kumaCopyConfig(currentConfig, 2);
    kumaConfigCopied = currentConfig;
  }
  return kumaConfigCopy;
}, "getConfig");
${COPY_CONFIG_SOURCE}`;

export function mermaidConfigCopy(): Plugin {
  return mermaidPatch({
    name: 'mermaid-config-copy',
    replacements: [{ theirs: MERMAID_GET_CONFIG, ours: FAST_GET_CONFIG }],
    missing:
      "mermaid's getConfig was not found: build-plugins/mermaid-config-copy.ts needs a look at the new mermaid",
  });
}
