import { describe, expect, it } from 'vitest';
import {
  builtinGatewayDp,
  delegatedGatewayDp,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  tcpRoute,
} from '../traffic/test-fixtures';
import { buildGatewayModel } from './mesh-model';

const listeners = [
  { port: 80, protocol: 'HTTP' as const },
  { port: 6379, protocol: 'TCP' as const },
];

function zoneRoute(name: string, zone: string) {
  return httpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'gw', tags: { 'kuma.io/zone': zone } },
    to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule(`/${name}`, name)] }],
  });
}

const anyRoute = httpRoute('any', {
  targetRef: { kind: 'MeshGateway', name: 'gw' },
  to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'web')] }],
});
const anyZoneRoute = httpRoute('any-zone', {
  targetRef: { kind: 'MeshGateway', name: 'gw', tags: { 'kuma.io/zone': '*' } },
  to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/z', 'web')] }],
});

describe('buildGatewayModel: built-in gateways', () => {
  const east = builtinGatewayDp('gw-east', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' });
  const west = builtinGatewayDp(
    'gw-west',
    { 'kuma.io/service': 'gw', 'kuma.io/zone': 'west' },
    { online: false },
  );
  const mesh = meshSnapshot({
    gateways: [meshGateway('gw', listeners)],
    dataplanes: [west, east],
    httpRoutes: [anyRoute, anyZoneRoute, zoneRoute('east-only', 'east')],
    tcpRoutes: [
      tcpRoute('store', {
        targetRef: { kind: 'MeshGateway', name: 'gw' },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              { default: { backendRefs: [{ kind: 'MeshService', name: 'redis', weight: 1 }] } },
            ],
          },
        ],
      }),
    ],
  });
  const model = buildGatewayModel(mesh);
  const gateway = model.builtinGateway('gw');

  it('binds instances online first and judges listeners with the tags all of them satisfy', () => {
    expect(gateway?.instances.map((instance) => instance.name)).toEqual(['gw-east', 'gw-west']);
    expect(gateway?.instanceTags).toEqual({ 'kuma.io/service': 'gw', 'kuma.io/zone': '*' });
  });

  it.each([
    ['HTTP listener', 0, ['any', 'any-zone']],
    ['TCP listener', 1, ['store']],
  ])('%s: routes attached on every instance', (_label, index, names) => {
    const listener = gateway?.listeners[index];
    expect(
      [...(listener?.routes.attachedHttp ?? []), ...(listener?.routes.attachedTcp ?? [])].map(
        (r) => r.name,
      ),
    ).toEqual(names);
  });

  it('lists a route that attaches on one zone only apart, naming the instance', () => {
    expect(gateway?.listeners[0]?.partial.map((p) => [p.route.name, p.instances])).toEqual([
      ['east-only', ['gw-east']],
    ]);
    expect(gateway?.listeners[0]?.partial[0]?.reason).toMatch(/only on instance gw-east/);
    expect(gateway?.listeners[1]?.partial).toEqual([]);
  });

  it('gives each instance what kuma-cp generates for its own tags', () => {
    const routes = (instance: (typeof gateway & {})['instances'][number]) =>
      gateway?.routingFor(instance).listeners[0]?.routes.attachedHttp.map((route) => route.name);
    expect(gateway?.groups).toHaveLength(2);
    expect(routes(gateway!.instances[0]!)).toEqual(['any', 'any-zone', 'east-only']);
    expect(routes(gateway!.instances[1]!)).toEqual(['any', 'any-zone']);
  });

  it('marks listeners served by rules', () => {
    expect(gateway?.listeners.map((listener) => [listener.family, listener.served])).toEqual([
      ['http', true],
      ['tcp', true],
    ]);
  });

  it('lists every gateway in name order and finds none by a wrong name', () => {
    expect(model.builtin.map((entry) => entry.gateway.name)).toEqual(['gw']);
    expect(model.builtinGateway('nope')).toBeUndefined();
  });
});

describe('buildGatewayModel: binding', () => {
  const general = meshGateway('general', [{ port: 80, protocol: 'HTTP' }], {
    selectors: [{ 'kuma.io/service': 'gw' }],
  });
  const eastOnly = meshGateway('east', [{ port: 80, protocol: 'HTTP' }], {
    selectors: [{ 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' }],
  });
  const model = buildGatewayModel(
    meshSnapshot({
      gateways: [general, eastOnly],
      dataplanes: [
        builtinGatewayDp('gw-east', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' }),
        builtinGatewayDp('gw-west', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'west' }),
      ],
    }),
  );

  it.each([
    ['general', ['gw-west'], [['gw-east', 'east']]],
    ['east', ['gw-east'], []],
  ])('%s serves %j, loses %j', (name, instances, stolen) => {
    const gateway = model.builtinGateway(name);
    expect(gateway?.instances.map((instance) => instance.name)).toEqual(instances);
    expect(gateway?.stolen.map(({ instance, boundTo }) => [instance.name, boundTo.name])).toEqual(
      stolen,
    );
  });

  it('without instances uses the first selector', () => {
    const lonely = buildGatewayModel(meshSnapshot({ gateways: [eastOnly] })).builtinGateway('east');
    expect(lonely?.instances).toEqual([]);
    expect(lonely?.instanceTags).toEqual({ 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' });
    expect(lonely?.groups).toEqual([]);
  });
});

describe('buildGatewayModel: delegated gateways and mesh facts', () => {
  const untagged = delegatedGatewayDp('kong-legacy', 'x');
  delete untagged.dataplane.networking.gateway?.tags;
  const model = buildGatewayModel(
    meshSnapshot({
      mesh: { type: 'Mesh', name: 'default', mtls: { enabledBackend: 'ca-1' } },
      dataplanes: [
        delegatedGatewayDp('kong-2', 'kong', [], { online: false }),
        delegatedGatewayDp('kong-1', 'kong'),
        untagged,
        builtinGatewayDp('builtin', { 'kuma.io/service': 'b' }),
      ],
    }),
  );

  it('groups delegated proxies by service (their name without the tag), in name order', () => {
    expect(
      model.delegated.map((entry) => [
        entry.service,
        entry.dataplanes.map((dp) => dp.name),
        entry.online.map((dp) => dp.name),
      ]),
    ).toEqual([
      ['kong', ['kong-1', 'kong-2'], ['kong-1']],
      ['kong-legacy', ['kong-legacy'], ['kong-legacy']],
    ]);
    expect(model.delegatedGateway('kong-legacy')?.service).toBe('kong-legacy');
    expect(model.delegatedGateway('b')).toBeUndefined();
  });

  it.each([
    [{ enabledBackend: 'ca-1' }, true],
    [{ enabledBackend: '' }, false],
    [undefined, false],
  ])('mtls %j: %s', (mtls, expected) => {
    const mesh = meshSnapshot({ mesh: { type: 'Mesh', name: 'm', ...(mtls ? { mtls } : {}) } });
    expect(buildGatewayModel(mesh).mtls).toBe(expected);
    expect(buildGatewayModel(mesh).name).toBe('m');
  });
});
