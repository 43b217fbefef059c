import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COPY_CONFIG_SOURCE,
  FAST_GET_CONFIG,
  MERMAID_GET_CONFIG,
  mermaidConfigCopy,
} from './mermaid-config-copy';
import { patchHooks } from './mermaid-patch';

type Config = Record<string, unknown>;

/** The installed mermaid's ESM chunks that hold `getConfig`: there must be exactly one. */
function mermaidConfigChunks(): string[] {
  const packageJson = createRequire(import.meta.url).resolve('mermaid/package.json');
  const folder = join(dirname(packageJson), 'dist', 'chunks', 'mermaid.core');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .filter((code) => code.includes(MERMAID_GET_CONFIG));
}

/** mermaid's own `assignWithDepth`, taken from its chunk and run as it is. */
function mermaidAssignWithDepth(chunk: string): (target: Config, source: Config) => Config {
  const start = chunk.indexOf('var assignWithDepth = ');
  const endMarker = '}, "assignWithDepth");';
  const end = chunk.indexOf(endMarker, start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const source = chunk.slice(start, end + endMarker.length);
  return new Function('__name', `${source}\nreturn assignWithDepth;`)((fn: unknown) => fn);
}

const ourCopy = new Function(`${COPY_CONFIG_SOURCE}\nreturn kumaCopyConfig;`)() as (
  source: Config,
  depth: number,
) => Config;

/**
 * Every value reachable from `value`, by path: primitives as they are, objects by their kind,
 * keys and whether they are the very object found at the same path in `source` (shared) or a
 * copy.
 */
function layout(value: unknown, source: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) {
    out.push(`${path} = ${typeof value} ${Object.is(value, Number.NaN) ? 'NaN' : String(value)}`);
    return out;
  }
  const kind = Array.isArray(value)
    ? 'array'
    : `object(${Object.getPrototypeOf(value) === Object.prototype ? 'plain' : 'other'})`;
  out.push(
    `${path} ${kind} ${value === source ? 'shared' : 'copied'} keys=${Object.keys(value).join(',')}`,
  );
  for (const key of Object.keys(value)) {
    const inSource =
      source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined;
    layout((value as Record<string, unknown>)[key], inSource, `${path}.${key}`, out);
  }
  return out;
}

const chunks = mermaidConfigChunks();

describe("mermaid's getConfig, copied faster", () => {
  it('finds the one getConfig it replaces in the installed mermaid', () => {
    expect(chunks).toHaveLength(1);
  });
  const theirs = mermaidAssignWithDepth(chunks[0] ?? '');
  const same = (config: Config) =>
    expect(layout(ourCopy(config, 2), config)).toEqual(layout(theirs({}, config), config));

  const deep = { level4: { level5: 1 } };
  it.each<[string, Config]>([
    ['flat values of every kind', { a: 1, b: 'x', c: true, d: undefined, e: () => 1, f: 1n }],
    [
      'nulls left out of the first two levels, kept in the third',
      { a: null, b: { c: null, d: { e: null } } },
    ],
    [
      'arrays without repeats, at every level',
      { a: [1, 1, 2, Number.NaN, Number.NaN], b: { c: ['x', 'x'], d: { e: [3, 3] } } },
    ],
    [
      'objects three levels down copied, deeper ones shared',
      { a: { b: { c: deep, d: [deep, deep] } } },
    ],
    ['the same object under two keys', { a: deep, b: deep }],
    [
      'an own __proto__ key (as JSON.parse makes it)',
      JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": {"b": 1}}}'),
    ],
    ['empty', {}],
  ])('%s', (_, config) => {
    same(config);
  });

  it('matches mermaid on random configurations', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.constant(null),
        fc.constant(undefined),
        fc.integer(),
        fc.string(),
        fc.boolean(),
        fc.constant(Number.NaN),
      ),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
      array: fc.array(fc.oneof(tie('leaf'), tie('node')), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('node'), {
        maxKeys: 4,
      }),
    }));
    fc.assert(
      fc.property(value.object, (config) => {
        same(config as Config);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves the copy private: changing it changes no later copy', () => {
    const config: Config = { flowchart: { htmlLabels: true, padding: 8 }, list: [1] };
    const first = ourCopy(config, 2) as { flowchart: { padding: number }; list: number[] };
    first.flowchart.padding = 99;
    first.list.push(2);
    expect(ourCopy(config, 2)).toEqual({ flowchart: { htmlLabels: true, padding: 8 }, list: [1] });
  });
});

describe('getConfig, once per configuration', () => {
  /** `FAST_GET_CONFIG` where mermaid has it: beside the `currentConfig` it copies. */
  function mermaidConfigState(initial: Config) {
    return new Function(
      '__name',
      'initial',
      `var currentConfig = initial;\n${FAST_GET_CONFIG}\nreturn { getConfig, replace: (next) => { currentConfig = next; } };`,
    )((fn: unknown) => fn, initial) as { getConfig: () => Config; replace: (next: Config) => void };
  }

  it('hands out one copy until the configuration is replaced, then a copy of the new one', () => {
    const first: Config = { flowchart: { padding: 8 }, theme: 'base' };
    const state = mermaidConfigState(first);
    const copy = state.getConfig();
    expect(state.getConfig()).toBe(copy);
    expect(copy).not.toBe(first);
    expect(copy.flowchart).not.toBe(first.flowchart);
    expect(layout(copy, first)).toEqual(layout(ourCopy(first, 2), first));
    const second: Config = { flowchart: { padding: 16 }, theme: 'dark' };
    state.replace(second);
    const next = state.getConfig();
    expect(next).not.toBe(copy);
    expect(next).toEqual({ flowchart: { padding: 16 }, theme: 'dark' });
    expect(state.getConfig()).toBe(next);
  });

  it('relies on mermaid replacing its configuration, never changing it in place', () => {
    const chunk = chunks[0] ?? '';
    // Assigned twice: made at load, and replaced by updateCurrentConfig with an object it builds.
    expect(chunk.match(/\bcurrentConfig\s*=(?!=)/g)).toEqual([
      'currentConfig =',
      'currentConfig =',
    ]);
    expect(chunk).toContain('var currentConfig = assignWithDepth_default({}, defaultConfig);');
    expect(chunk).toContain('let cfg = assignWithDepth_default({}, siteCfg);');
    expect(chunk).toContain('  currentConfig = cfg;');
    // Nothing writes into it: no property set, no assign into it, no delete.
    expect(chunk).not.toMatch(/\bcurrentConfig(\.\w+|\[[^\]]*\])+\s*(=(?!=)|\+=|-=)/);
    expect(chunk).not.toMatch(/(assignWithDepth_default|Object\.assign)\(\s*currentConfig\b/);
    expect(chunk).not.toMatch(/delete\s+currentConfig\b/);
  });
});

describe('the plugin', () => {
  it("replaces getConfig in mermaid's chunk and nothing else", () => {
    const { transform } = patchHooks(mermaidConfigCopy());
    const code = `var before = 1;\n${MERMAID_GET_CONFIG}\nvar after = 2;`;
    expect(
      transform(code, '/app/node_modules/mermaid/dist/chunks/mermaid.core/chunk-X.mjs')?.code,
    ).toBe(`var before = 1;\n${FAST_GET_CONFIG}\nvar after = 2;`);
  });

  it('fails the build, naming its file, when mermaid no longer has that getConfig', () => {
    expect(() => patchHooks(mermaidConfigCopy()).buildEnd()).toThrow(
      /getConfig was not found: build-plugins\/mermaid-config-copy\.ts/,
    );
  });
});
