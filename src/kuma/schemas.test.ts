import { describe, expect, it } from 'vitest';
import { inspectRulesSchema, meshTrafficPermissionSchema } from './policy-schemas';
import { dataplaneSchema, listOf, meshSchema, serviceInsightSchema } from './schemas';

const mtp = (action: unknown) => ({
  type: 'MeshTrafficPermission',
  mesh: 'default',
  name: 'allow',
  spec: { from: [{ targetRef: { kind: 'Mesh' }, default: { action } }] },
});

describe('documented values', () => {
  it.each([
    ['Exclusive', 'Exclusive'],
    ['Everywhere', 'Everywhere'],
    ['SomethingNewer', undefined],
    [42, undefined],
  ])('a mesh with meshServices.mode %s reads as %s', (mode, expected) => {
    const parsed = meshSchema.parse({ type: 'Mesh', name: 'm', meshServices: { mode } });
    expect(parsed.meshServices?.mode).toBe(expected);
  });

  it.each([
    ['Allow', 'Allow'],
    ['AllowWithShadowDeny', 'AllowWithShadowDeny'],
    ['Audit', undefined],
  ])('a permission with action %s reads as %s', (action, expected) => {
    const parsed = meshTrafficPermissionSchema.parse(mtp(action));
    expect(parsed.spec.from?.[0]?.default?.action).toBe(expected);
  });

  it('one unknown value does not fail the list it is in', () => {
    const list = listOf(serviceInsightSchema).parse({
      total: 2,
      items: [
        { type: 'ServiceInsight', mesh: 'm', name: 'a', status: 'online' },
        { type: 'ServiceInsight', mesh: 'm', name: 'b', status: 'hibernating' },
      ],
    });
    expect(list.items.map((item) => item.status)).toEqual(['online', undefined]);
  });
});

describe('what a response must carry', () => {
  const dataplane = {
    type: 'Dataplane',
    mesh: 'default',
    name: 'web-1',
    networking: { address: '10.0.0.1', inbound: [{ port: 8080, tags: {} }] },
  };

  it.each([
    ['a stored dataplane', dataplane, true],
    ['an unknown field', { ...dataplane, futureField: { a: 1 } }, true],
    ['no mesh', { ...dataplane, mesh: undefined }, false],
    ['another type', { ...dataplane, type: 'Mesh' }, false],
    ['no networking', { ...dataplane, networking: undefined }, false],
    ['an inbound without a port', { ...dataplane, networking: { inbound: [{}] } }, false],
  ])('%s parses: %s', (_, body, ok) => {
    expect(dataplaneSchema.safeParse(body).success).toBe(ok);
  });

  it('keeps unknown fields for the YAML views', () => {
    const parsed = dataplaneSchema.parse({ ...dataplane, futureField: 'x' });
    expect(parsed.futureField).toBe('x');
  });
});

describe('_rules', () => {
  it('reads the nil slices and maps Go sends as null, or leaves out, as empty', () => {
    const parsed = inspectRulesSchema.parse({
      resource: { type: 'MeshGateway', mesh: 'default', name: 'edge' },
      httpMatches: null,
      rules: [
        {
          type: 'MeshHTTPRoute',
          toRules: [{ conf: {}, matchers: null, origin: [{ type: 'MeshHTTPRoute', name: 'r' }] }],
          fromRules: [{ inbound: { port: 8080, tags: null }, rules: null }],
        },
      ],
    });
    expect(parsed.httpMatches).toEqual([]);
    const rule = parsed.rules[0];
    expect(rule?.warnings).toEqual([]);
    expect(rule?.toRules?.[0]?.matchers).toEqual([]);
    expect(rule?.toRules?.[0]?.origin.map((origin) => origin.name)).toEqual(['r']);
    expect(rule?.fromRules?.[0]?.inbound.tags).toEqual({});
    expect(rule?.fromRules?.[0]?.rules).toEqual([]);
  });

  it('still refuses a body that is not rules', () => {
    expect(inspectRulesSchema.safeParse({ rules: 'nope' }).success).toBe(false);
  });
});
