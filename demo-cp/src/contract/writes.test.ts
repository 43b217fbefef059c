/**
 * Contract: PUT / DELETE semantics (kuma-api.md §4, §5) and every validation rule the PUT
 * handler passes through (gateway-semantics.md §4: G1–G26, D1–D16, R2–R23 on Universal).
 * The validators have their own unit tests; these rows prove the HTTP layer reports each rule
 * exactly, and that the valid variant of the same body is accepted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvalidParameter } from '../../../src/kuma/types';
import { MAX_BODY_BYTES } from '../routes/resources';
import {
  type Cp,
  cp,
  expectInvalid,
  expectKumaError,
  expectPageNotFound,
  type Json,
} from './harness';

const RFC1123 =
  "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const gatewayBody = (name: string): Json => ({
  type: 'MeshGateway',
  mesh: 'default',
  name,
  selectors: [{ match: { 'kuma.io/service': name } }],
  conf: {
    listeners: [
      { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com', tags: { port: 'http-8080' } },
    ],
  },
});

describe('write semantics', () => {
  it('creates with 201 and updates with 200, both with `{}` (2.10+)', async () => {
    const client = cp();
    const created = await client.put('/meshes/default/meshgateways/gw', gatewayBody('gw'));
    expect(created.status).toBe(201);
    expect(created.contentType).toMatch(/^application\/json/);
    expect(created.body).toEqual({});
    const updated = await client.put('/meshes/default/meshgateways/gw', gatewayBody('gw'));
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({});
    const stored = await client.json<Json>('/meshes/default/meshgateways/gw');
    expect(stored).toMatchObject(gatewayBody('gw'));
  });

  it('ignores read-only fields sent back (kri, times) and keeps creationTime', async () => {
    const client = cp();
    const original = await client.json<Json>('/meshes/default/meshgateways/edge-gateway');
    await client.tick();
    const reply = await client.put('/meshes/default/meshgateways/edge-gateway', {
      ...original,
      creationTime: '2000-01-01T00:00:00Z',
    });
    expect(reply.status).toBe(200);
    const after = await client.json<Json>('/meshes/default/meshgateways/edge-gateway');
    expect(after.creationTime).toBe(original.creationTime);
    expect(after.kri).toBe(original.kri);
    expect(Date.parse(after.modificationTime)).toBeGreaterThan(Date.parse(original.creationTime));
  });

  it('a created Dataplane gets a simulated proxy that connects', async () => {
    const client = cp();
    // Listed once before: the gateway proxies kept per list must not outlive a write.
    const before = await client.json<Json>('/dataplanes?gateway=delegated');
    expect(before.items.map((item: Json) => item.name)).not.toContain('kong-1');
    const reply = await client.put('/meshes/default/dataplanes/kong-1', {
      type: 'Dataplane',
      mesh: 'default',
      name: 'kong-1',
      networking: {
        address: '10.1.9.9',
        gateway: { tags: { 'kuma.io/service': 'kong' } },
        outbound: [{ port: 10001, tags: { 'kuma.io/service': 'frontend' } }],
      },
    });
    expect(reply.status).toBe(201);
    const overview = await client.json<Json>('/meshes/default/dataplanes/kong-1/_overview');
    expect(overview.dataplane.networking.gateway).toEqual({
      tags: { 'kuma.io/service': 'kong', 'kuma.io/zone': 'default' },
    });
    expect(overview.dataplaneInsight.subscriptions).toHaveLength(1);
    const delegated = await client.json<Json>('/meshes/default/dataplanes?gateway=delegated');
    expect(delegated.items.map((item: Json) => item.name)).toEqual(['kong-1']);
    const after = await client.json<Json>('/dataplanes?gateway=delegated');
    expect(after.items.map((item: Json) => item.name)).toContain('kong-1');
    expect(after.total).toBe(before.total + 1);
  });

  it('reports the Dataplane mesh mismatch exactly as the 2.14 golden (kuma-api.md §5)', async () => {
    const reply = await cp().put('/meshes/default/dataplanes/dp-1', {
      type: 'Dataplane',
      mesh: 'legacy',
      name: 'dp-1',
      networking: { address: '10.0.0.1', gateway: { tags: { 'kuma.io/service': 'kong' } } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      type: '/std-errors',
      status: 400,
      title: 'Could not process a resource',
      detail: 'Resource is not valid',
      invalid_parameters: [
        { field: 'mesh', reason: 'mesh from the URL has to be the same as in body' },
      ],
      details: 'Resource is not valid',
      causes: [{ field: 'mesh', message: 'mesh from the URL has to be the same as in body' }],
    });
  });

  it.each<[string, string, Json, InvalidParameter[]]>([
    [
      'name',
      '/meshes/default/meshgateways/gw',
      gatewayBody('other'),
      [{ field: 'name', reason: 'name from the URL has to be the same as in body' }],
    ],
    [
      'type',
      '/meshes/default/meshgateways/gw',
      { ...gatewayBody('gw'), type: 'MeshHTTPRoute' },
      [{ field: 'type', reason: 'type from the URL has to be the same as in body' }],
    ],
    [
      'mesh',
      '/meshes/default/meshgateways/gw',
      { ...gatewayBody('gw'), mesh: 'legacy' },
      [{ field: 'mesh', reason: 'mesh from the URL has to be the same as in body' }],
    ],
    [
      'name, type and mesh',
      '/meshes/default/meshgateways/gw',
      { ...gatewayBody('other'), type: 'Dataplane', mesh: 'legacy' },
      [
        { field: 'name', reason: 'name from the URL has to be the same as in body' },
        { field: 'type', reason: 'type from the URL has to be the same as in body' },
        { field: 'mesh', reason: 'mesh from the URL has to be the same as in body' },
      ],
    ],
    [
      'Mesh name',
      '/meshes/team-9',
      { type: 'Mesh', name: 'team-8' },
      [{ field: 'name', reason: 'name from the URL has to be the same as in body' }],
    ],
    [
      'Mesh type',
      '/meshes/team-9',
      { type: 'Zone', name: 'team-9' },
      [{ field: 'type', reason: 'type from the URL has to be the same as in body' }],
    ],
  ])('path/body %s mismatch → 400', async (_label, path, body, parameters) => {
    const client = cp();
    const reply = await client.put(path, body);
    expectKumaError(reply, {
      status: 400,
      title: 'Could not process a resource',
      detail: 'Resource is not valid',
      invalidParameters: parameters,
    });
    expect((await client.get(path)).status).toBe(404);
  });

  it.each([
    ['Bad_Name', RFC1123],
    ['-gw', RFC1123],
    ['gw.', RFC1123],
    ['a'.repeat(254), 'value length must less or equal 253'],
  ])('an invalid resource name (%s) → 400', async (name, reason) => {
    const reply = await cp().put(`/meshes/default/meshgateways/${name}`, gatewayBody(name));
    expectKumaError(reply, {
      status: 400,
      detail: 'Resource is not valid',
      invalidParameters: [{ field: 'name', reason }],
    });
  });

  it('an invalid Mesh name → 400', async () => {
    const reply = await cp().put('/meshes/Team', { type: 'Mesh', name: 'Team' });
    expectInvalid(reply, [{ field: 'name', reason: RFC1123 }]);
  });

  it('a missing mesh → 404 "Failed to retrieve Mesh" (2.7+), 400 "Mesh is not found" on 2.6', async () => {
    const body = { ...gatewayBody('gw'), mesh: 'nope' };
    expectKumaError(await cp().put('/meshes/nope/meshgateways/gw', body), {
      status: 404,
      title: 'Failed to retrieve Mesh',
      detail: 'Not found',
    });
    const old = await cp({ kumaVersion: '2.6.15' }).put('/meshes/nope/meshgateways/gw', body);
    expectKumaError(old, {
      status: 400,
      title: 'Could not create a resource',
      detail: 'Mesh is not found',
      invalidParameters: [{ field: 'mesh', reason: 'mesh of name nope is not found' }],
    });
  });

  // Go's own words, as kuma-cp 2.6.15 and 2.14.3 answer them.
  it.each([
    ['not JSON', '{"type": "MeshGateway",', 'unexpected end of JSON input'],
    ['an empty body', '', 'unexpected end of JSON input'],
    [
      'a JSON array',
      '[]',
      'json: cannot unmarshal array into Go value of type v1alpha1.ResourceMeta',
    ],
    [
      'a wrong type',
      JSON.stringify({ ...gatewayBody('gw'), selectors: 'all' }),
      'json: cannot unmarshal string into Go value of type []json.RawMessage',
    ],
  ])('%s → 400 Bad Request', async (_label, text, reason) => {
    const client = cp();
    const reply = await client.put('/meshes/default/meshgateways/gw', text);
    expectKumaError(reply, {
      status: 400,
      title: 'Bad Request',
      detail: `invalid MeshGateway object: ${JSON.stringify(reason)}`,
    });
    expect((await client.get('/meshes/default/meshgateways/gw')).status).toBe(404);
  });

  it.each([
    ['an unknown field', { ...gatewayBody('gw'), spec: {} }],
    [
      'an unknown nested field',
      { ...gatewayBody('gw'), conf: { listeners: [{ port: 80, protocol: 'HTTP', path: '/' }] } },
    ],
  ])('%s is ignored, as kuma-cp ignores it', async (_label, body) => {
    const client = cp();
    expect((await client.put('/meshes/default/meshgateways/gw', body)).status).toBe(201);
    const stored = await client.json<Json>('/meshes/default/meshgateways/gw');
    expect(stored).not.toHaveProperty('spec');
    expect(stored.conf.listeners[0]).not.toHaveProperty('path');
  });

  it('a body over the write limit (2 MiB) → 413', async () => {
    const client = cp();
    const big = gatewayBody('gw');
    big.labels = { filler: 'x'.repeat(MAX_BODY_BYTES) };
    const reply = await client.put('/meshes/default/meshgateways/gw', big);
    expectKumaError(reply, { status: 413 });
    const declared = await client.call('PUT', '/meshes/default/meshgateways/gw', '{}', {
      'content-length': String(MAX_BODY_BYTES + 1),
    });
    expect(declared.status).toBe(413);
  });

  it('a write to an unknown type path → 404', async () => {
    const reply = await cp().put('/meshes/default/widgets/w', {
      type: 'Widget',
      mesh: 'default',
      name: 'w',
    });
    expectPageNotFound(reply);
  });
});

/** One row per rule: an invalid body with its exact violations, and the valid variant. */
interface RuleRow {
  rule: string;
  invalid: Json;
  violations: InvalidParameter[];
  valid: Json;
}

/** Runs a table: each row PUTs its invalid body (400, nothing stored), then the valid one (201). */
function ruleTable(path: string, rows: RuleRow[], options: Parameters<typeof cp>[0] = {}) {
  let client: Cp;
  beforeAll(() => {
    client = cp(options);
  });
  it.each(rows)('$rule', async ({ rule, invalid, violations, valid }) => {
    const name = `rule-${rule.toLowerCase()}`;
    const url = `/meshes/default/${path}/${name}`;
    const rejected = await client.put(url, { ...invalid, name });
    expectInvalid(rejected, violations);
    expect((await client.get(url)).status).toBe(404);
    const accepted = await client.put(url, { ...valid, name });
    expect(accepted.status, accepted.text).toBe(201);
  });
}

// ------------------------------------------------------------------ MeshGateway G1–G26

const listener = (extra: Json = {}): Json => ({
  port: 8080,
  protocol: 'HTTP',
  hostname: 'foo.example.com',
  ...extra,
});
const gw = (extra: Json = {}, listeners: Json[] = [listener()]): Json => ({
  type: 'MeshGateway',
  mesh: 'default',
  selectors: [{ match: { 'kuma.io/service': 'gw' } }],
  conf: { listeners },
  ...extra,
});
const cert = (name: string) => ({ secret: name });
const https = (tls?: Json, extra: Json = {}) =>
  listener({ port: 8443, protocol: 'HTTPS', ...(tls ? { tls } : {}), ...extra });
const labels50 = 'a'.repeat(50);
const L0 = 'conf.listeners[0]';

const gatewayRows: RuleRow[] = [
  {
    rule: 'G1',
    invalid: gw({ selectors: [] }),
    violations: [{ field: 'selectors', reason: 'must have at least one element' }],
    valid: gw(),
  },
  {
    rule: 'G2',
    invalid: gw({ selectors: [{ match: {} }] }),
    violations: [
      { field: 'selectors[0].match', reason: 'must have at least one tag' },
      { field: 'selectors[0].match', reason: 'mandatory tag "kuma.io/service" is missing' },
    ],
    valid: gw(),
  },
  {
    rule: 'G3',
    invalid: gw({ selectors: [{ match: { version: 'v1' } }] }),
    violations: [
      { field: 'selectors[0].match', reason: 'mandatory tag "kuma.io/service" is missing' },
    ],
    valid: gw({ selectors: [{ match: { version: 'v1', 'kuma.io/service': 'gw' } }] }),
  },
  {
    rule: 'G4',
    invalid: gw(
      {
        selectors: [
          { match: { 'kuma.io/service': 'gw' } },
          { match: { 'kuma.io/service': 'gw-2' } },
        ],
      },
      [listener({ crossMesh: true })],
    ),
    violations: [{ field: 'selectors[1]', reason: 'there can be at most one selector' }],
    valid: gw({}, [listener({ crossMesh: true })]),
  },
  {
    rule: 'G5',
    invalid: gw({ tags: { '': 'edge' } }),
    violations: [{ field: 'tags', reason: 'tag name must be non-empty' }],
    valid: gw({ tags: { tier: 'edge' } }),
  },
  {
    rule: 'G6',
    invalid: gw({ tags: { 'tier!': 'edge' } }),
    violations: [
      {
        field: 'tags["tier!"]',
        reason:
          'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      },
    ],
    valid: gw({ tags: { 'example.com/tier_1:a': 'edge' } }),
  },
  {
    rule: 'G7',
    invalid: gw({}, [listener({ tags: { port: '' } })]),
    violations: [{ field: `${L0}.tags["port"]`, reason: 'tag value must be non-empty' }],
    valid: gw({}, [listener({ tags: { port: 'http-8080' } })]),
  },
  {
    rule: 'G8',
    invalid: gw({ selectors: [{ match: { 'kuma.io/service': 'gw', team: 'a b' } }] }),
    violations: [
      {
        field: 'selectors[0].match["team"]',
        reason:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
    ],
    valid: gw({ selectors: [{ match: { 'kuma.io/service': 'gw', team: 'a/b', zone: '*' } }] }),
  },
  {
    rule: 'G9',
    invalid: gw({ tags: { 'kuma.io/service': 'gw' } }, [
      listener({ tags: { 'kuma.io/zone': 'east' } }),
    ]),
    violations: [
      { field: 'tags["kuma.io/service"]', reason: 'tag name must not be "kuma.io/service"' },
      { field: `${L0}.tags["kuma.io/zone"]`, reason: 'tag name must not be "kuma.io/zone"' },
    ],
    valid: gw({ tags: { service: 'gw' } }, [listener({ tags: { zone: 'east' } })]),
  },
  {
    rule: 'G10',
    invalid: { ...gw(), conf: undefined },
    violations: [{ field: 'conf', reason: 'cannot be empty' }],
    valid: gw(),
  },
  {
    rule: 'G11',
    invalid: gw({}, []),
    violations: [{ field: 'conf.listeners', reason: 'cannot be empty' }],
    valid: gw(),
  },
  {
    rule: 'G12',
    // 5 labels of 50 and 4 dots: 254 characters.
    invalid: gw({}, [listener({ hostname: Array(5).fill(labels50).join('.') })]),
    violations: [{ field: `${L0}.hostname`, reason: 'must be at most 253 characters' }],
    valid: gw({}, [
      listener({ hostname: `${Array(4).fill(labels50).join('.')}.${'a'.repeat(49)}` }),
    ]),
  },
  {
    rule: 'G13',
    invalid: gw({}, [listener({ hostname: '*.Example.com' })]),
    violations: [{ field: `${L0}.hostname`, reason: 'invalid wildcard domain' }],
    valid: gw({}, [listener({ hostname: '*.example.com' })]),
  },
  {
    rule: 'G14',
    invalid: gw({}, [listener({ hostname: 'foo*.example.com' })]),
    violations: [{ field: `${L0}.hostname`, reason: 'invalid hostname' }],
    valid: gw({}, [listener({ hostname: '10.0.0.1' })]),
  },
  {
    rule: 'G15',
    invalid: gw({}, [listener({ port: 65536 })]),
    violations: [{ field: `${L0}.port`, reason: 'port must be in the range [1, 65535]' }],
    valid: gw({}, [listener({ port: 65535 })]),
  },
  {
    rule: 'G16',
    invalid: gw({}, [listener({ protocol: 'NONE' })]),
    violations: [{ field: `${L0}.protocol`, reason: 'cannot be empty' }],
    valid: gw({}, [listener({ protocol: 'TCP' })]),
  },
  {
    rule: 'G17',
    invalid: gw({}, [https(undefined, { crossMesh: true })]),
    violations: [{ field: `${L0}.protocol`, reason: 'protocol is not supported with crossMesh' }],
    valid: gw({}, [listener({ crossMesh: true })]),
  },
  {
    rule: 'G18',
    invalid: gw({}, [https()]),
    violations: [{ field: `${L0}.tls`, reason: 'cannot be empty' }],
    valid: gw({}, [https({ mode: 'TERMINATE', certificates: [cert('foo-cert')] })]),
  },
  {
    rule: 'G19',
    invalid: gw({}, [https({ mode: 'PASSTHROUGH' })]),
    violations: [{ field: `${L0}.tls.mode`, reason: 'mode is not supported on HTTPS listeners' }],
    valid: gw({}, [listener({ port: 8443, protocol: 'TLS', tls: { mode: 'PASSTHROUGH' } })]),
  },
  {
    rule: 'G20',
    invalid: gw({}, [https({ certificates: [cert('foo-cert')] })]),
    violations: [{ field: `${L0}.tls.mode`, reason: 'cannot be empty' }],
    valid: gw({}, [https({ mode: 'TERMINATE', certificates: [cert('foo-cert')] })]),
  },
  {
    rule: 'G21',
    invalid: gw({}, [https({ mode: 'TERMINATE', certificates: [] })]),
    violations: [
      { field: `${L0}.tls.certificates`, reason: 'cannot be empty in TLS termination mode' },
    ],
    valid: gw({}, [https({ mode: 'TERMINATE', certificates: [{ inlineString: 'PEM' }] })]),
  },
  {
    rule: 'G22',
    invalid: gw({}, [
      https({ mode: 'TERMINATE', certificates: [cert('a'), cert('b'), cert('c')] }),
    ]),
    violations: [
      { field: `${L0}.tls.certificates`, reason: 'cannot have more than 2 certificates' },
    ],
    valid: gw({}, [https({ mode: 'TERMINATE', certificates: [cert('rsa'), cert('ecdsa')] })]),
  },
  {
    rule: 'G23',
    invalid: gw({}, [
      listener({ crossMesh: true, tls: { mode: 'TERMINATE', certificates: [cert('a')] } }),
    ]),
    violations: [{ field: `${L0}.tls`, reason: 'must be empty with crossMesh' }],
    valid: gw({}, [listener({ crossMesh: true })]),
  },
  {
    rule: 'G24',
    invalid: gw({}, [listener(), listener({ protocol: 'TCP', hostname: undefined })]),
    violations: [
      {
        field: 'conf.listeners[0]',
        reason: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1]',
        reason: 'protocol conflicts with other listeners on this port',
      },
    ],
    valid: gw({}, [listener(), listener({ port: 9090, protocol: 'TCP', hostname: undefined })]),
  },
  {
    rule: 'G25',
    invalid: gw({}, [listener({ hostname: '*' }), listener({ hostname: undefined })]),
    violations: [
      { field: 'conf.listeners[0]', reason: 'multiple listeners for hostname on this port' },
      { field: 'conf.listeners[1]', reason: 'multiple listeners for hostname on this port' },
    ],
    valid: gw({}, [listener({ hostname: '*' }), listener({ hostname: 'bar.example.com' })]),
  },
  {
    rule: 'G26',
    invalid: gw({}, [
      listener({ resources: { connectionLimit: 10 } }),
      listener({ hostname: 'bar.example.com', resources: { connectionLimit: 20 } }),
    ]),
    violations: [
      {
        field: 'conf.listeners[0].resources.connectionLimit',
        reason: 'conflicting values for this port',
      },
      {
        field: 'conf.listeners[1].resources.connectionLimit',
        reason: 'conflicting values for this port',
      },
    ],
    valid: gw({}, [
      listener({ resources: { connectionLimit: 10 } }),
      listener({ hostname: 'bar.example.com', resources: { connectionLimit: 10 } }),
    ]),
  },
];

describe('MeshGateway rules G1–G26 through PUT', () => {
  it('has one row per rule', () => {
    expect(gatewayRows.map((row) => row.rule)).toEqual(
      Array.from({ length: 26 }, (_, i) => `G${i + 1}`),
    );
  });
  ruleTable('meshgateways', gatewayRows);
});

// ------------------------------------------------------------------ gateway Dataplane D1–D16

const delegated = (networking: Json = {}): Json => ({
  type: 'Dataplane',
  mesh: 'default',
  networking: {
    address: '10.1.200.1',
    gateway: { tags: { 'kuma.io/service': 'kong' } },
    ...networking,
  },
});
const builtin = (networking: Json = {}, extra: Json = {}): Json => ({
  type: 'Dataplane',
  mesh: 'default',
  networking: {
    address: '10.1.200.2',
    gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge-gateway' } },
    ...networking,
  },
  ...extra,
});
const inbound = [{ port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'kong' } }];
const loopbackInbound = [{ ...inbound[0], serviceAddress: '127.0.0.1' }];
const outbound = (extra: Json = {}) => [
  { port: 10001, tags: { 'kuma.io/service': 'frontend' }, ...extra },
];
const listenersField = [{ type: 'ZoneIngress', address: '10.1.200.1', port: 10001 }];
const N = 'networking';

const dataplaneRows: RuleRow[] = [
  {
    rule: 'D1',
    invalid: { type: 'Dataplane', mesh: 'default' },
    violations: [{ field: N, reason: 'must be defined' }],
    valid: delegated(),
  },
  {
    rule: 'D2',
    invalid: delegated({ inbound }),
    violations: [
      { field: `${N}.inbound`, reason: 'inbound cannot be defined for delegated gateways' },
    ],
    valid: delegated({ outbound: outbound() }),
  },
  {
    rule: 'D3',
    invalid: delegated({ listeners: listenersField }),
    violations: [
      { field: `${N}.listeners`, reason: 'listeners cannot be defined for delegated gateways' },
    ],
    valid: delegated(),
  },
  {
    rule: 'D4',
    invalid: builtin({ inbound }),
    violations: [
      { field: `${N}.inbound`, reason: 'inbound cannot be defined for builtin gateways' },
    ],
    valid: builtin(),
  },
  {
    rule: 'D5',
    invalid: builtin({ outbound: outbound() }),
    violations: [
      { field: `${N}.outbound`, reason: 'outbound cannot be defined for builtin gateways' },
    ],
    valid: builtin(),
  },
  {
    rule: 'D6',
    invalid: builtin({ listeners: listenersField }),
    violations: [
      { field: `${N}.listeners`, reason: 'listeners cannot be defined for builtin gateways' },
    ],
    valid: builtin(),
  },
  {
    rule: 'D7',
    invalid: builtin({}, { probes: { port: 9000, endpoints: [] } }),
    violations: [{ field: `${N}.probes`, reason: 'probes cannot be defined for builtin gateways' }],
    valid: builtin(),
  },
  {
    rule: 'D8',
    invalid: delegated({ gateway: { tags: { version: 'v1' } } }),
    violations: [
      { field: `${N}.gateway.tags`, reason: 'mandatory tag "kuma.io/service" is missing' },
    ],
    valid: delegated({ gateway: { tags: { version: 'v1', 'kuma.io/service': 'kong' } } }),
  },
  {
    rule: 'D9',
    invalid: builtin({
      gateway: {
        type: 'BUILTIN',
        tags: { 'kuma.io/service': 'edge-gateway', 'kuma.io/protocol': 'http' },
      },
    }),
    violations: [
      {
        field: `${N}.gateway.tags["kuma.io/protocol"]`,
        reason: 'other values than tcp are not allowed, provided value "http"',
      },
    ],
    valid: builtin({
      gateway: {
        type: 'BUILTIN',
        tags: { 'kuma.io/service': 'edge-gateway', 'kuma.io/protocol': 'tcp' },
      },
    }),
  },
  {
    rule: 'D10',
    invalid: delegated({ gateway: { tags: { 'kuma.io/service': 'kong/edge' } } }),
    violations: [
      {
        field: `${N}.gateway.tags["kuma.io/service"]`,
        reason: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
    valid: delegated({ gateway: { tags: { 'kuma.io/service': 'kong_edge.v1:a' } } }),
  },
  {
    rule: 'D11',
    invalid: delegated({ address: '0.0.0.0' }),
    violations: [{ field: `${N}.address`, reason: 'must not be 0.0.0.0 or ::' }],
    valid: delegated({ address: 'kong.internal' }),
  },
  {
    rule: 'D11-empty',
    invalid: delegated({ address: '' }),
    violations: [{ field: `${N}.address`, reason: "address can't be empty" }],
    valid: delegated({ address: 'fd00::1' }),
  },
  {
    rule: 'D11-garbage',
    invalid: delegated({ address: 'not an address' }),
    violations: [
      { field: `${N}.address`, reason: 'address has to be valid IP address or domain name' },
    ],
    valid: delegated({ address: '192.168.1.10' }),
  },
  {
    rule: 'D12',
    invalid: delegated({ outbound: outbound({ port: 0 }) }),
    violations: [
      { field: `${N}.outbound[0].port`, reason: 'port must be in the range [1, 65535]' },
    ],
    valid: delegated({ outbound: outbound({ port: 65535 }) }),
  },
  {
    rule: 'D13',
    invalid: delegated({ outbound: [{ port: 10001 }] }),
    violations: [
      { field: `${N}.outbound[0].tags`, reason: 'mandatory tag "kuma.io/service" is missing' },
    ],
    valid: delegated({ outbound: outbound() }),
  },
  {
    rule: 'D14',
    invalid: delegated({
      outbound: outbound({ backendRef: { kind: 'MeshService', name: 'frontend', port: 8080 } }),
    }),
    violations: [
      {
        field: `${N}.outbound[0].backendRef`,
        reason: 'both backendRef and tags/service cannot be defined',
      },
    ],
    valid: delegated({
      outbound: [
        { port: 10001, backendRef: { kind: 'MeshService', name: 'frontend', port: 8080 } },
      ],
    }),
  },
  {
    rule: 'D15',
    invalid: delegated({
      outbound: [{ port: 10001, backendRef: { kind: 'MeshService', port: 8080 } }],
    }),
    violations: [
      {
        field: `${N}.outbound[0].backendRef`,
        reason: "either 'name' or 'labels' should be specified",
      },
    ],
    valid: delegated({
      outbound: [
        {
          port: 10001,
          backendRef: { kind: 'MeshService', labels: { app: 'frontend' }, port: 8080 },
        },
      ],
    }),
  },
  {
    rule: 'D16',
    invalid: delegated({ admin: { port: 10001 }, outbound: outbound() }),
    violations: [{ field: `${N}.admin.port`, reason: 'must differ from outbound' }],
    valid: delegated({ admin: { port: 9901 }, outbound: outbound() }),
  },
  {
    // D16's inbound half cannot apply to a gateway (it has no inbounds): shown on a sidecar.
    // The admin port only clashes with a service port the proxy reaches on loopback.
    rule: 'D16-sidecar-inbound',
    invalid: {
      type: 'Dataplane',
      mesh: 'default',
      networking: { address: '10.1.200.3', admin: { port: 8080 }, inbound: loopbackInbound },
    },
    violations: [{ field: `${N}.admin.port`, reason: 'must differ from inbound' }],
    valid: {
      type: 'Dataplane',
      mesh: 'default',
      networking: { address: '10.1.200.3', admin: { port: 9901 }, inbound: loopbackInbound },
    },
  },
];

describe('gateway Dataplane rules D1–D16 through PUT', () => {
  it('covers every rule', () => {
    const rules = new Set(dataplaneRows.map((row) => row.rule.split('-')[0]));
    expect([...rules]).toEqual(Array.from({ length: 16 }, (_, i) => `D${i + 1}`));
  });
  ruleTable('dataplanes', dataplaneRows);
});

// ------------------------------------------------------------------ routes R2–R23

const rule = (extra: Json = {}, conf: Json = {}): Json => ({
  matches: [{ path: { type: 'PathPrefix', value: '/shop' } }],
  default: { backendRefs: [{ kind: 'MeshService', name: 'frontend' }], ...conf },
  ...extra,
});
const httpRoute = (
  spec: { targetRef?: Json; to?: Json[] } = {},
  rules: Json[] = [rule()],
): Json => ({
  type: 'MeshHTTPRoute',
  mesh: 'default',
  spec: {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
    to: [{ targetRef: { kind: 'Mesh' }, rules }],
    ...spec,
  },
});
const withFilter = (filter: Json, matches?: Json[]) =>
  httpRoute({}, [
    rule(matches ? { matches } : {}, {
      filters: [filter],
    }),
  ]);
const R0 = 'spec.to[0].rules[0]';
const backendRef = (ref: Json) => httpRoute({}, [rule({}, { backendRefs: [ref] })]);

const routeRows: RuleRow[] = [
  {
    rule: 'R2',
    invalid: httpRoute({ targetRef: { kind: 'MeshGateway' } }),
    violations: [{ field: 'spec.targetRef.name', reason: 'must be set when kind is MeshGateway' }],
    valid: httpRoute(),
  },
  {
    rule: 'R3',
    invalid: httpRoute({ targetRef: { kind: 'MeshGateway', name: 'Edge-Gateway' } }),
    violations: [
      {
        field: 'spec.targetRef.name',
        reason:
          "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
      },
    ],
    valid: httpRoute({ targetRef: { kind: 'MeshGateway', name: 'edge-gateway' } }),
  },
  {
    rule: 'R4',
    invalid: httpRoute({
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway', sectionName: 'http' },
    }),
    violations: [
      { field: 'spec.targetRef.sectionName', reason: 'must not be set with kind MeshGateway' },
    ],
    valid: httpRoute(),
  },
  {
    rule: 'R5',
    invalid: httpRoute({
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'pub lic' } },
    }),
    violations: [
      {
        field: 'spec.targetRef.tags["listener"]',
        reason:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
    ],
    // 2.10+: selector-style values (with `/`) are accepted on route targetRef tags.
    valid: httpRoute({
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'public/v1' } },
    }),
  },
  {
    rule: 'R6',
    invalid: httpRoute({
      to: [{ targetRef: { kind: 'MeshService', name: 'frontend' }, rules: [rule()] }],
    }),
    violations: [
      { field: 'spec.to[0].targetRef.kind', reason: "value 'MeshService' is not supported" },
    ],
    valid: httpRoute(),
  },
  {
    rule: 'R7',
    invalid: httpRoute({
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'frontend' },
          hostnames: ['shop.example.com'],
          rules: [rule()],
        },
      ],
    }),
    violations: [{ field: 'spec.to[0].hostnames', reason: 'must not be defined' }],
    valid: httpRoute({
      to: [{ targetRef: { kind: 'Mesh' }, hostnames: ['shop.example.com'], rules: [rule()] }],
    }),
  },
  {
    rule: 'R8',
    invalid: httpRoute({}, [rule({}, { backendRefs: [] })]),
    violations: [{ field: `${R0}.default.backendRefs`, reason: 'must not be empty' }],
    // 2.7+: a rule that only redirects needs no backend.
    valid: httpRoute({}, [
      rule(
        {},
        {
          backendRefs: [],
          filters: [
            { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
          ],
        },
      ),
    ]),
  },
  {
    rule: 'R10',
    invalid: backendRef({ kind: 'MeshGateway', name: 'edge-gateway' }),
    violations: [
      {
        field: `${R0}.default.backendRefs[0].kind`,
        reason: "value 'MeshGateway' is not supported",
      },
    ],
    valid: backendRef({ kind: 'MeshExternalService', name: 'httpbin' }),
  },
  {
    rule: 'R11',
    invalid: backendRef({ kind: 'MeshService' }),
    violations: [
      {
        field: `${R0}.default.backendRefs[0]`,
        reason: 'name or labels must be set when kind is MeshService',
      },
    ],
    valid: backendRef({ kind: 'MeshService', labels: { 'kuma.io/display-name': 'frontend' } }),
  },
  {
    rule: 'R12',
    invalid: backendRef({ kind: 'MeshService', name: 'frontend', labels: { app: 'frontend' } }),
    violations: [
      {
        field: `${R0}.default.backendRefs[0].labels`,
        reason: 'either labels or name and namespace must be specified',
      },
    ],
    valid: backendRef({ kind: 'MeshService', name: 'frontend', namespace: 'shop' }),
  },
  {
    rule: 'R13',
    invalid: backendRef({ kind: 'MeshMultiZoneService', name: 'frontend' }),
    violations: [
      {
        field: `${R0}.default.backendRefs[0].port`,
        reason: 'must be defined with kind MeshMultiZoneService',
      },
    ],
    valid: backendRef({ kind: 'MeshMultiZoneService', name: 'frontend', port: 8080 }),
  },
  {
    rule: 'R14',
    invalid: httpRoute({}, [rule({ matches: [{ path: { type: 'Exact', value: 'shop' } }] })]),
    violations: [{ field: `${R0}.matches[0].path.value`, reason: 'must be an absolute path' }],
    valid: httpRoute({}, [rule({ matches: [{ path: { type: 'Exact', value: '/shop' } }] })]),
  },
  {
    rule: 'R15',
    invalid: httpRoute({}, [
      rule({ matches: [{ path: { type: 'PathPrefix', value: '/shop/' } }] }),
    ]),
    violations: [
      {
        field: `${R0}.matches[0].path.value`,
        reason:
          'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
      },
    ],
    valid: httpRoute({}, [rule({ matches: [{ path: { type: 'PathPrefix', value: '/' } }] })]),
  },
  {
    rule: 'R16',
    invalid: httpRoute({}, [
      rule({
        matches: [
          {
            queryParams: [
              { type: 'Exact', name: 'page', value: '1' },
              { type: 'Exact', name: 'page', value: '2' },
            ],
          },
        ],
      }),
    ]),
    violations: [
      { field: `${R0}.matches[0].queryParams[1].name`, reason: 'multiple entries for name page' },
    ],
    valid: httpRoute({}, [
      rule({
        matches: [
          {
            queryParams: [
              { type: 'Exact', name: 'page', value: '1' },
              { type: 'Exact', name: 'size', value: '2' },
            ],
          },
        ],
      }),
    ]),
  },
  {
    rule: 'R17',
    invalid: httpRoute({}, [
      rule({ matches: [{ headers: [{ type: 'Present', name: 'x-debug', value: '1' }] }] }),
    ]),
    violations: [{ field: `${R0}.matches[0].headers[0].value`, reason: 'must not be defined' }],
    valid: httpRoute({}, [
      rule({ matches: [{ headers: [{ type: 'Present', name: 'x-debug' }] }] }),
    ]),
  },
  {
    rule: 'R18',
    invalid: withFilter({ type: 'RequestHeaderModifier', requestHeaderModifier: {} }),
    violations: [
      {
        field: `${R0}.default.filters[0].requestHeaderModifier`,
        reason: 'must have at least one defined: set, add, remove',
      },
    ],
    valid: withFilter({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { remove: ['x-a'] },
    }),
  },
  {
    rule: 'R19',
    invalid: withFilter({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: {
        set: [
          { name: 'x-a', value: '1' },
          { name: 'x-a', value: '2' },
        ],
      },
    }),
    violations: [
      {
        field: `${R0}.default.filters[0].responseHeaderModifier.set[1].name`,
        reason: 'duplicate header name',
      },
    ],
    valid: withFilter({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: {
        set: [{ name: 'x-a', value: '1' }],
        add: [{ name: 'x-b', value: '2' }],
      },
    }),
  },
  {
    rule: 'R20',
    invalid: withFilter(
      {
        type: 'URLRewrite',
        urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
      },
      [{ path: { type: 'Exact', value: '/shop' } }],
    ),
    violations: [
      {
        field: `${R0}.default.filters[0].urlRewrite.path.replacePrefixMatch`,
        reason: 'can only appear if all matches match a path prefix',
      },
    ],
    valid: withFilter(
      {
        type: 'URLRewrite',
        urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
      },
      [{ path: { type: 'PathPrefix', value: '/shop' } }],
    ),
  },
  {
    rule: 'R21',
    invalid: withFilter({ type: 'RequestRedirect', requestRedirect: { hostname: '10.0.0.1' } }),
    violations: [
      {
        field: `${R0}.default.filters[0].requestRedirect.hostname`,
        reason: 'cannot be an IP address',
      },
    ],
    valid: withFilter({
      type: 'RequestRedirect',
      requestRedirect: { hostname: 'shop.example.com' },
    }),
  },
  {
    rule: 'R22',
    invalid: withFilter({
      type: 'URLRewrite',
      urlRewrite: { hostToBackendHostname: true, hostname: 'shop.example.com' },
    }),
    violations: [
      {
        field: `${R0}.default.filters[0].urlRewrite.hostToBackendHostname`,
        reason: 'cannot be set together with hostname',
      },
    ],
    valid: withFilter({ type: 'URLRewrite', urlRewrite: { hostToBackendHostname: true } }),
  },
  {
    rule: 'R23',
    invalid: withFilter({ type: 'RequestRedirect' }),
    violations: [{ field: `${R0}.default.filters[0].requestRedirect`, reason: 'must be defined' }],
    valid: withFilter({ type: 'RequestRedirect', requestRedirect: { statusCode: 302 } }),
  },
];

const tcpRoute = (rules: Json[]): Json => ({
  type: 'MeshTCPRoute',
  mesh: 'default',
  spec: {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'redis' } },
    to: [{ targetRef: { kind: 'Mesh' }, rules }],
  },
});

describe('route rules R2–R23 through PUT (Universal)', () => {
  it('covers every rule that applies to MeshHTTPRoute on Universal', () => {
    // R1/R1b are Kubernetes namespace rules; R9 is MeshTCPRoute's (below).
    const expected = Array.from({ length: 22 }, (_, i) => `R${i + 2}`).filter((r) => r !== 'R9');
    expect(routeRows.map((row) => row.rule)).toEqual(expected);
  });
  ruleTable('meshhttproutes', routeRows);
});

/** CRD schema constraints on matches, checked before the Go rules (shared with the forms). */
const M0 = `${R0}.matches[0]`;
const HEADER_PATTERN = "^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const withMatch = (match: Json) => httpRoute({}, [rule({ matches: [match] })]);
const routeSchemaRows: RuleRow[] = [
  {
    rule: 'schema-header-name-pattern',
    invalid: withMatch({ headers: [{ type: 'Exact', name: 'X Bad Header', value: '1' }] }),
    violations: [
      {
        field: `${M0}.headers[0].name`,
        reason: `in body should match '${HEADER_PATTERN}'`,
      },
    ],
    valid: withMatch({ headers: [{ type: 'Exact', name: 'x-good-header', value: '1' }] }),
  },
  {
    rule: 'schema-header-name-min-length',
    invalid: withMatch({ headers: [{ type: 'Exact', name: '', value: '1' }] }),
    violations: [
      {
        field: `${M0}.headers[0].name`,
        reason: 'in body should be at least 1 chars long',
      },
    ],
    valid: withMatch({ headers: [{ type: 'Exact', name: 'x', value: '1' }] }),
  },
  {
    rule: 'schema-query-name-min-length',
    invalid: withMatch({ queryParams: [{ type: 'Exact', name: '', value: '1' }] }),
    violations: [
      {
        field: `${M0}.queryParams[0].name`,
        reason: 'in body should be at least 1 chars long',
      },
    ],
    valid: withMatch({ queryParams: [{ type: 'Exact', name: 'page', value: '1' }] }),
  },
  {
    rule: 'schema-regex-path-min-length',
    invalid: withMatch({ path: { type: 'RegularExpression', value: '' } }),
    violations: [
      {
        field: `${M0}.path.value`,
        reason: 'in body should be at least 1 chars long',
      },
    ],
    valid: withMatch({ path: { type: 'RegularExpression', value: '^/shop/[0-9]+$' } }),
  },
];

describe('MeshHTTPRoute schema constraints through PUT', () => {
  ruleTable('meshhttproutes', routeSchemaRows);
});

describe('MeshTCPRoute rule R9 through PUT', () => {
  ruleTable('meshtcproutes', [
    {
      rule: 'R9',
      invalid: tcpRoute([{ default: {} }]),
      violations: [{ field: 'spec.to[0].rules[0].default.backendRefs', reason: 'must be defined' }],
      valid: tcpRoute([{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }]),
    },
    {
      rule: 'R6-tcp',
      invalid: {
        ...tcpRoute([{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }]),
        spec: {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
          to: [
            {
              targetRef: { kind: 'MeshService', name: 'redis' },
              rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }],
            },
          ],
        },
      },
      violations: [
        { field: 'spec.to[0].targetRef.kind', reason: "value 'MeshService' is not supported" },
      ],
      valid: tcpRoute([{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }]),
    },
  ]);
});
