import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import * as validation from './index';

const versions = ['2.6.15', '2.7.0', '2.9.0', '2.10.0', '2.13.0', '2.14.3'].map((raw) => ({
  version: parseKumaVersion(raw),
}));

/** Untrusted JSON: anything, and objects shaped roughly like the resources. */
const json = fc.jsonValue();
const loose = fc.anything({ maxDepth: 5 });
const shaped = fc.record(
  {
    selectors: fc.array(
      fc.record({ match: fc.dictionary(fc.string(), loose) }, { requiredKeys: [] }),
    ),
    tags: fc.dictionary(fc.string(), loose),
    conf: fc.record(
      {
        listeners: fc.array(
          fc.dictionary(
            fc.constantFrom(
              'port',
              'protocol',
              'hostname',
              'tls',
              'tags',
              'crossMesh',
              'resources',
            ),
            loose,
          ),
        ),
      },
      { requiredKeys: [] },
    ),
    networking: fc.dictionary(
      fc.constantFrom('address', 'gateway', 'inbound', 'outbound', 'admin', 'listeners'),
      loose,
    ),
    spec: fc.dictionary(fc.constantFrom('targetRef', 'to', 'from', 'ports', 'selector'), loose),
    mtls: loose,
  },
  { requiredKeys: [] },
);

const validators: Array<[string, (input: never) => unknown]> = [
  ['validateMeshGateway', (x) => versions.map((ctx) => validation.validateMeshGateway(x, ctx))],
  ['validateDataplane', (x) => versions.map((ctx) => validation.validateDataplane(x, ctx))],
  ['validateMeshHTTPRoute', (x) => versions.map((ctx) => validation.validateMeshHTTPRoute(x, ctx))],
  ['validateMeshTCPRoute', (x) => versions.map((ctx) => validation.validateMeshTCPRoute(x, ctx))],
  [
    'validateMeshTrafficPermission',
    (x) => versions.map((ctx) => validation.validateMeshTrafficPermission(x, ctx)),
  ],
  ['validateMeshService', (x) => versions.map((ctx) => validation.validateMeshService(x, ctx))],
  ['validateMesh', (x) => versions.map((ctx) => validation.validateMesh(x, ctx))],
  [
    'validateMeshGatewayInstance',
    (x) => versions.map((ctx) => validation.validateMeshGatewayInstance(x, ctx)),
  ],
  ['meshGatewayRuntimeWarnings', (x) => validation.meshGatewayRuntimeWarnings(x, x)],
  [
    'meshGatewayInstanceRuntimeWarnings',
    (x) => versions.map((ctx) => validation.meshGatewayInstanceRuntimeWarnings(x, x, ctx)),
  ],
  ['validateResourceName', (x) => validation.validateResourceName(x)],
];

describe('robustness', () => {
  it.each(validators)('%s never throws on arbitrary JSON', (_name, run) => {
    fc.assert(
      fc.property(fc.oneof(json, loose, shaped), (input) => {
        const result = run(input as never);
        expect(Array.isArray(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * What the validators may use from outside their folder: the wire types, the version, and
 * kuma-cp's type registry (wire knowledge too: which kinds are mesh-scoped or new-style, which
 * a zone may write), all data and pure functions.
 */
const ALLOWED_OUTSIDE = ['../types', '../version', '../resource-types'];

describe('purity', () => {
  it('imports nothing but its own modules and the wire types', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const file of sources) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const specifier of imports) {
        expect(
          specifier?.startsWith('./') || ALLOWED_OUTSIDE.includes(specifier ?? ''),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
    }
  });
});
