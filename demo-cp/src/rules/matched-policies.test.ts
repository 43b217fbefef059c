import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../../src/kuma/version';
import { rulesFeatures } from './features';
import {
  buildFromRules,
  buildSingleItemRules,
  buildToRules,
  selectGateway,
  tagsMatch,
} from './matched-policies';
import type { MeshResources, Policy, StoredObject } from './model';
import { policyKind } from './policy-kinds';
import type { SubsetRule } from './subset-rules';
import kumaRulesGoldens from './testdata/kuma-rules-goldens.json';

/**
 * Kuma's own rules-engine goldens (`pkg/plugins/policies/core/rules/testdata/rules/*` at both
 * releases): the policies as listed, and the rules `BuildFromRules` / `BuildToRules` /
 * `BuildSingleItemRules` make of them.
 */
interface EngineCase {
  source: string;
  version: string;
  list: 'from' | 'to' | 'single';
  policies: Policy[];
  rules: { subset: unknown[]; conf: unknown; origins: string[] }[];
  inboundRules?: { conf: unknown; match?: unknown; origin: { name: string; ruleIndex: number } }[];
}

const plain = (rules: SubsetRule[]) =>
  JSON.parse(
    JSON.stringify(
      rules.map((rule) => ({
        subset: rule.subset,
        conf: rule.conf,
        origins: rule.origins.map((origin) => origin.name),
      })),
    ),
  );

describe('rules engine against Kuma goldens', () => {
  it.each(kumaRulesGoldens as unknown as EngineCase[])('$source', (c) => {
    const version = parseKumaVersion(c.version);
    const features = rulesFeatures(version);
    const routes = c.policies.filter((p) => p.type === 'MeshHTTPRoute');
    const policies = c.policies.filter((p) => p.type !== 'MeshHTTPRoute');
    const kind = policyKind(policies[0]!.type, version)!;
    // The tests hand the engine only MeshHTTPRoutes: nothing else resolves.
    const resources: MeshResources = {
      mesh: { type: 'Mesh', name: '' },
      list: (type) => (type === 'MeshHTTPRoute' ? routes : []),
    };
    if (c.list === 'from') {
      const built = buildFromRules(new Map([[80, policies]]), kind, features);
      expect(plain(built.rules.get(80) ?? [])).toEqual(c.rules);
      if (c.inboundRules) {
        const inbound = (built.inbound.get(80) ?? []).map((rule) => ({
          conf: rule.conf,
          ...(rule.match !== undefined ? { match: rule.match } : {}),
          origin: { name: rule.origin.resource.name, ruleIndex: rule.origin.ruleIndex },
        }));
        expect(JSON.parse(JSON.stringify(inbound))).toEqual(c.inboundRules);
      }
    } else if (c.list === 'to') {
      const built = buildToRules(policies, kind, resources, features);
      expect(plain(built.rules)).toEqual(c.rules);
      expect(built.resourceRules).toEqual([]);
    } else {
      expect(plain(buildSingleItemRules(policies, kind, features))).toEqual(c.rules);
    }
  });
});

describe('tagsMatch', () => {
  it.each<{ selector: Record<string, string>; tags: Record<string, string>; expected: boolean }>([
    { selector: {}, tags: {}, expected: true },
    { selector: { a: '1' }, tags: { a: '1', b: '2' }, expected: true },
    { selector: { a: '*' }, tags: { a: 'x' }, expected: true },
    { selector: { a: '*' }, tags: {}, expected: false },
    { selector: { a: '1' }, tags: { a: '2' }, expected: false },
  ])('$selector in $tags: $expected', ({ selector, tags, expected }) => {
    expect(tagsMatch(selector, tags)).toBe(expected);
  });
});

describe('selectGateway', () => {
  const gateway = (name: string, match: Record<string, string>, creationTime: string) =>
    ({
      type: 'MeshGateway',
      mesh: 'default',
      name,
      creationTime,
      selectors: [{ match }],
    }) as StoredObject;
  const a = gateway('a', { 'kuma.io/service': 'gw' }, '2025-01-01T00:00:02Z');
  const b = gateway('b', { 'kuma.io/service': 'gw' }, '2025-01-01T00:00:01Z');
  const c = gateway('c', { 'kuma.io/service': 'gw', zone: '*' }, '2025-01-01T00:00:00Z');
  const d = gateway('d', { 'kuma.io/service': 'other' }, '2025-01-01T00:00:09Z');

  it.each([
    { name: 'the later created of equal rank', gateways: [a, b], expected: 'a' },
    { name: 'more tags before creation time', gateways: [a, b, c], expected: 'c' },
    { name: 'only matching selectors', gateways: [d, b], expected: 'b' },
    { name: 'nothing', gateways: [d], expected: undefined },
  ])('$name', ({ gateways, expected }) => {
    expect(selectGateway(gateways, { 'kuma.io/service': 'gw', zone: 'z1' })?.name).toBe(expected);
  });
});
