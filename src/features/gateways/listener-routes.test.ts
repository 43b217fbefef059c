import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway, MeshGatewayListener } from '../../kuma/types';
import { buildGatewayModel } from '../../mesh-model/mesh-model';
import {
  builtinGatewayDp,
  edgeExample,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  tcpRoute,
} from '../../traffic/test-fixtures';
import { builtinGatewayModel, gatewaySnapshot, listenerViews } from './listener-routes';

/** The listener views of a gateway as the mesh model sees it in `snapshot`. */
function viewsOf(snapshot: MeshSnapshot, gateway: MeshGateway) {
  const model = buildGatewayModel(snapshot).builtinGateway(gateway.name);
  if (!model) throw new Error(`no gateway ${gateway.name}`);
  return listenerViews(model);
}

const GATEWAY_TAGS = { 'kuma.io/service': 'edge-gateway' };

describe('listenerViews on the docs example (gateway-semantics.md §1.7)', () => {
  const snapshot = edgeExample();
  const gateway = snapshot.gateways[0]!;
  const views = viewsOf(snapshot, gateway);

  it.each([
    // listener index, attached routes, detached routes, hosts taken by more exact listeners
    [0, ['edge-http'], ['edge-tcp'], ['foo.example.com']],
    [1, ['edge-http'], ['edge-tcp'], []],
    [2, ['edge-http'], ['edge-tcp'], []],
    [3, ['edge-tcp'], ['edge-http'], []],
  ])('listener #%i: attached %j, detached %j', (index, attached, detached, taken) => {
    const view = views[index]!;
    expect(view.attached.map((route) => route.name)).toEqual(attached);
    expect(view.detached.map((route) => route.name)).toEqual(detached);
    expect(view.hostsTakenElsewhere).toEqual(taken);
    expect(view.problem).toBeUndefined();
  });

  it('builds the listener tag set from dataplane, gateway and listener tags', () => {
    expect(views[0]?.tagSet).toEqual({ ...GATEWAY_TAGS, team: 'edge', listener: 'http-wild' });
  });

  it('keeps the reason the pure module gives for routes that do not attach', () => {
    expect(views[3]?.detached[0]?.reason).toMatch(/takes MeshTCPRoute; it does nothing here/);
    expect(views[0]?.detached[0]?.reason).toMatch(/selects listeners with tags/);
  });

  it('shows which route hostnames a listener can serve', () => {
    const [wildRoute] = views[0]!.attached;
    expect(wildRoute?.entries.map((to) => to.applies)).toEqual([true, true]);
    const [fooRoute] = views[1]!.attached;
    // `dev.example.com` does not intersect `foo.example.com`: those rules are ignored there.
    expect(fooRoute?.entries.map((to) => to.applies)).toEqual([true, false]);
    expect(fooRoute?.entries[1]?.hostnames[0]?.reason).toMatch(/does not intersect/);
  });

  it('describes rules: matches and backends', () => {
    const rules = views[0]!.attached[0]!.entries[0]!.rules;
    expect(rules.map((rule) => rule.matches)).toEqual([['PathPrefix /api'], ['PathPrefix /']]);
    expect(rules[0]?.backends).toEqual([
      {
        name: 'backend',
        detail: 'MeshService backend',
        weight: 1,
        percent: 100,
        service: 'backend',
      },
    ]);
  });
});

describe('listenerViews: a listener without a port', () => {
  it('still shows the tags policies would see on it', () => {
    const gateway = meshGateway('edge-gateway', [{ protocol: 'HTTP', tags: { listener: 'x' } }], {
      tags: { team: 'edge' },
    });
    const [view] = viewsOf(meshSnapshot({ gateways: [gateway] }), gateway);
    expect(view?.tagSet).toEqual({ ...GATEWAY_TAGS, team: 'edge', listener: 'x' });
    expect(view?.attached).toEqual([]);
  });
});

describe('listener problems: what kuma-cp generates for listeners without rules', () => {
  const wild: MeshGatewayListener = {
    port: 8080,
    protocol: 'HTTP',
    hostname: '*.example.com',
    tags: { listener: 'wild' },
  };
  const foo: MeshGatewayListener = {
    port: 8080,
    protocol: 'HTTP',
    hostname: 'foo.example.com',
    tags: { listener: 'foo' },
  };
  const admin: MeshGatewayListener = {
    port: 8081,
    protocol: 'HTTP',
    hostname: 'admin.example.com',
    tags: { listener: 'admin' },
  };
  const secure: MeshGatewayListener = {
    port: 8443,
    protocol: 'HTTPS',
    hostname: 'secure.example.com',
    tls: { mode: 'TERMINATE', certificates: [{ secret: 'secure-cert' }] },
    tags: { listener: 'secure' },
  };
  const redis: MeshGatewayListener = { port: 6379, protocol: 'TCP', tags: { listener: 'redis' } };
  const routeTo = (name: string, tags: Record<string, string>, hostnames?: string[]) =>
    httpRoute(name, {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          ...(hostnames ? { hostnames } : {}),
          rules: [prefixRule('/', 'a')],
        },
      ],
    });
  const tcp = (name: string, weight?: number) =>
    tcpRoute(name, {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [
            {
              default: {
                backendRefs: [
                  {
                    kind: 'MeshService',
                    name: 'redis',
                    ...(weight === undefined ? {} : { weight }),
                  },
                ],
              },
            },
          ],
        },
      ],
    });

  it.each([
    {
      name: 'no route on the whole gateway: Kuma’s own 404 page',
      listeners: [admin],
      routes: [],
      index: 0,
      label: 'no route',
      severity: 'warning',
      text: /builds it without routes, and it answers 404 to every request \("This is a Kuma MeshGateway\. No routes match this MeshGateway!"\)/,
    },
    {
      name: 'a host of a routed port without a route: Envoy’s own 404',
      listeners: [wild, foo],
      routes: [routeTo('wild', { listener: 'wild' })],
      index: 1,
      label: 'no route',
      severity: 'warning',
      text: /^No MeshHTTPRoute attaches to this listener: requests that land here get Envoy's own empty 404/,
    },
    {
      name: 'every virtual host taken by a more exact listener',
      listeners: [wild, foo],
      routes: [
        routeTo('wild-foo', { listener: 'wild' }, ['foo.example.com']),
        routeTo('foo', { listener: 'foo' }),
      ],
      index: 0,
      label: 'no route',
      severity: 'warning',
      text: /belongs to a more exact listener on port 8080: requests that land here get Envoy's own empty 404/,
    },
    {
      name: 'an HTTPS listener without a virtual host: no TLS filter chain',
      listeners: [wild, secure],
      routes: [routeTo('wild', { listener: 'wild' })],
      index: 1,
      label: 'TLS fails',
      severity: 'warning',
      text: /no TLS filter chain for secure\.example\.com, so TLS handshakes fail/,
    },
    {
      name: 'an HTTP port without a virtual host breaks the gateway',
      listeners: [wild, admin],
      routes: [routeTo('wild', { listener: 'wild' })],
      index: 1,
      label: 'breaks the gateway',
      severity: 'error',
      text: /^No MeshHTTPRoute gives port 8081 a virtual host: kuma-cp cannot build the gateway/,
    },
    {
      name: 'a TCP listener without a route',
      listeners: [wild, redis],
      routes: [routeTo('wild', { listener: 'wild' })],
      index: 1,
      label: 'no route',
      severity: 'warning',
      text: /closes every connection/,
    },
  ])('$name', ({ listeners, routes, index, label, severity, text }) => {
    const gateway = meshGateway('edge-gateway', listeners);
    const views = viewsOf(meshSnapshot({ gateways: [gateway], httpRoutes: routes }), gateway);
    expect(views[index]?.problem?.label).toBe(label);
    expect(views[index]?.problem?.severity).toBe(severity);
    expect(views[index]?.problem?.text).toMatch(text);
  });

  it('the MeshTCPRoute without weight breaks the gateway', () => {
    const gateway = meshGateway('edge-gateway', [wild, redis]);
    const snapshot = meshSnapshot({
      gateways: [gateway],
      httpRoutes: [routeTo('wild', { listener: 'wild' })],
      tcpRoutes: [tcp('redis')],
    });
    const views = viewsOf(snapshot, gateway);
    expect(views[0]?.problem).toBeUndefined();
    expect(views[1]?.problem).toMatchObject({ severity: 'error', label: 'breaks the gateway' });
    expect(views[1]?.problem?.text).toMatch(
      /^MeshTCPRoute "redis" has a backendRef without weight/,
    );
  });

  it('marks all but the last attached MeshTCPRoute as overridden', () => {
    const gateway = meshGateway('edge-gateway', [redis]);
    const snapshot = meshSnapshot({
      gateways: [gateway],
      tcpRoutes: [tcp('b-redis', 1), tcp('a-redis', 1)],
    });
    const view = viewsOf(snapshot, gateway)[0]!;
    expect(view.problem).toBeUndefined();
    // On a gateway listener routes merge by name: `b-redis` comes last and wins.
    expect(view.attached.map((route) => [route.name, route.overriddenBy])).toEqual([
      ['a-redis', 'b-redis'],
      ['b-redis', undefined],
    ]);
  });
});

describe('builtinGatewayModel', () => {
  const general = meshGateway('general', [{ port: 80, protocol: 'HTTP' }], {
    selectors: [{ 'kuma.io/service': 'gw' }],
  });
  const east = meshGateway('east', [{ port: 80, protocol: 'HTTP' }], {
    selectors: [{ 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' }],
  });
  const eastDp = builtinGatewayDp('gw-east', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' });
  const westDp = builtinGatewayDp('gw-west', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'west' });

  it('binds each proxy to its best-matching gateway and reports the ones taken', () => {
    const model = builtinGatewayModel({
      mesh: 'default',
      gateway: general,
      candidates: [eastDp, westDp],
      siblings: [
        { gateway: general, instances: [eastDp, westDp] },
        { gateway: east, instances: [eastDp] },
      ],
    });
    expect(model.instances.map((instance) => instance.name)).toEqual(['gw-west']);
    expect(model.stolen.map(({ instance, boundTo }) => [instance.name, boundTo.name])).toEqual([
      ['gw-east', 'east'],
    ]);
    expect(model.instanceTags).toEqual({ 'kuma.io/service': 'gw', 'kuma.io/zone': 'west' });
    expect(model.listeners).toHaveLength(1);
    expect(model.listeners[0]?.problem?.text).toMatch(/404/);
    expect(model.failure).toBeUndefined();
  });

  it('carries the failure when kuma-cp cannot build the gateway', () => {
    const gateway = meshGateway('gw', [
      { port: 80, protocol: 'HTTP', tags: { listener: 'public' } },
      { port: 81, protocol: 'HTTP', tags: { listener: 'admin' } },
    ]);
    const model = builtinGatewayModel({
      mesh: 'default',
      gateway,
      candidates: [builtinGatewayDp('gw-1', { 'kuma.io/service': 'gw' })],
      httpRoutes: [
        httpRoute('public', {
          targetRef: { kind: 'MeshGateway', name: 'gw', tags: { listener: 'public' } },
          to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'a')] }],
        }),
      ],
    });
    expect(model.failure).toMatchObject({ kind: 'http-port-without-virtual-host', port: 81 });
    expect(model.listeners.map((view) => view.problem?.label)).toEqual([
      undefined,
      'breaks the gateway',
    ]);
  });

  it('works without the sibling gateways (first load)', () => {
    const model = builtinGatewayModel({
      mesh: 'default',
      gateway: general,
      candidates: [eastDp, westDp],
    });
    expect(model.instances.map((instance) => instance.name)).toEqual(['gw-east', 'gw-west']);
    expect(model.stolen).toEqual([]);
  });

  it('shows a route asking for any zone as attached when instances sit in different zones', () => {
    const route = (name: string, zone: string) =>
      httpRoute(name, {
        targetRef: { kind: 'MeshGateway', name: 'general', tags: { 'kuma.io/zone': zone } },
        to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule(`/${name}`, 'web')] }],
      });
    const model = builtinGatewayModel({
      mesh: 'default',
      gateway: general,
      candidates: [eastDp, westDp],
      httpRoutes: [route('any-zone', '*'), route('east-only', 'east')],
    });
    const [listener] = model.listeners;
    expect(listener?.attached.map((view) => view.name)).toEqual(['any-zone']);
    // east-only attaches on gw-east alone, so it is not shown as the gateway's.
    expect(listener?.detached.map((view) => [view.name, view.reason])).toEqual([
      [
        'east-only',
        'MeshHTTPRoute "east-only" attaches only on instance gw-east: its targetRef tags need gateway tags the other instances do not carry.',
      ],
    ]);
  });

  it('deduplicates dataplanes in the snapshot', () => {
    const snapshot = gatewaySnapshot({
      mesh: 'default',
      gateways: [],
      dataplanes: [eastDp, eastDp, westDp],
    });
    expect(snapshot.dataplanes).toHaveLength(2);
    expect(snapshot.mesh).toEqual({ type: 'Mesh', name: 'default' });
  });
});
