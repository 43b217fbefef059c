import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../../src/kuma/version';
import { computeGatewayRules, GatewayRulesError } from './gateway-rules';
import type { MeshResources, StoredObject } from './model';
import kumaGoldens from './testdata/kuma-goldens.json';
import mixedScenario from './testdata/mixed-scenario.json';

/**
 * Each case: the resources as kuma-cp stores them, and its `_rules` answer for one gateway.
 * `kuma-goldens.json` holds Kuma's own api-server goldens (their inputs with the defaults
 * kuma-cp's store adds); `mixed-scenario.json` holds a real kuma-cp's answers for the demo's
 * `mixed` scenario.
 */
interface Case {
  source: string;
  version: string;
  path: string;
  resources: StoredObject[];
  expected: unknown;
}

function resourcesOf(all: StoredObject[], mesh: string): MeshResources {
  return {
    mesh: all.find((r) => r.type === 'Mesh' && r.name === mesh) ?? { type: 'Mesh', name: mesh },
    list: (type) =>
      all
        .filter((r) => r.type === type && r.mesh === mesh)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

function answer(c: Case): unknown {
  const [, , mesh, , name] = c.path.split('/');
  const gateway = c.resources.find(
    (r) => r.type === 'MeshGateway' && r.mesh === mesh && r.name === name,
  )!;
  // Through JSON, as the route serves it: absent optional fields disappear.
  const body = computeGatewayRules(
    parseKumaVersion(c.version),
    gateway,
    resourcesOf(c.resources, mesh!),
  );
  return JSON.parse(JSON.stringify(body));
}

describe('computeGatewayRules', () => {
  it.each([...(kumaGoldens as Case[]), ...(mixedScenario as Case[])])('$source: $path', (c) => {
    expect(answer(c)).toEqual(c.expected);
  });

  it('refuses a gateway without selectors, as kuma-cp does (500 Invalid MeshGateway)', () => {
    const gateway = { type: 'MeshGateway', mesh: 'default', name: 'gw', selectors: [] };
    expect(() =>
      computeGatewayRules(parseKumaVersion('2.14.3'), gateway, resourcesOf([gateway], 'default')),
    ).toThrow(GatewayRulesError);
  });
});
