import { describe, expect, it } from 'vitest';
import type { Finding } from '../diagnosis';
import { findingActionHref } from './fix-links';

const withAction = (fixAction: Finding['fixAction']) => ({ fixAction }) as Finding;

describe('findingActionHref', () => {
  it.each([
    [
      { kind: 'new-route', mesh: 'default', name: 'edge-gateway', routeKind: 'http' },
      '/meshes/default/gateways/edge-gateway/routes/new?kind=http',
    ],
    [
      { kind: 'new-route', mesh: 'default', name: 'edge-gateway', routeKind: 'tcp' },
      '/meshes/default/gateways/edge-gateway/routes/new?kind=tcp',
    ],
    [
      { kind: 'new-route', mesh: 'default', name: 'edge-gateway' },
      '/meshes/default/gateways/edge-gateway/routes/new?kind=http',
    ],
    [
      {
        kind: 'edit-route',
        mesh: 'default',
        name: 'edge-http',
        routeKind: 'http',
        gateway: 'edge-gateway',
      },
      '/meshes/default/gateways/edge-gateway/routes/http/edge-http/edit',
    ],
    [
      {
        kind: 'edit-route',
        mesh: 'a b',
        name: 'redis/tcp',
        routeKind: 'tcp',
        gateway: 'edge gw',
      },
      '/meshes/a%20b/gateways/edge%20gw/routes/tcp/redis%2Ftcp/edit',
    ],
    // Without the gateway the route form cannot be found: the mesh page.
    [{ kind: 'edit-route', mesh: 'default', name: 'edge-http' }, '/meshes/default'],
    [
      { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway' },
      '/meshes/default/gateways/edge-gateway/edit',
    ],
    // unbound-gateway-dataplane with no gateway to edit: the fix creates one.
    [{ kind: 'edit-gateway', mesh: 'a b' }, '/gateways/new?mesh=a+b&kind=builtin'],
    [
      { kind: 'start-dataplane', mesh: 'default', name: 'payments-1' },
      '/meshes/default/dataplanes/payments-1',
    ],
    [
      { kind: 'edit-permission', mesh: 'default', name: 'rules-web-only' },
      '/meshes/default/permissions/rules-web-only/edit',
    ],
    [{ kind: 'edit-permission', mesh: 'default' }, '/meshes/default/permissions'],
    // Without the caller's identity: the mesh's permissions, nothing to pre-fill.
    [{ kind: 'new-permission', mesh: 'a b' }, '/meshes/a%20b/permissions'],
    [
      {
        kind: 'new-permission',
        mesh: 'default',
        name: 'orders',
        gateway: 'edge-gateway',
        source: 'edge-gateway',
      },
      '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders',
    ],
    // Names are query values: '&', '/' and spaces cannot leak into the path or another key.
    [
      {
        kind: 'new-permission',
        mesh: 'a/b',
        name: 'svc&x=1',
        gateway: 'gw one',
        source: 'edge_kuma-demo_svc_80',
      },
      '/meshes/a%2Fb/permissions/new?gateway=gw+one&from=edge_kuma-demo_svc_80&to=svc%26x%3D1',
    ],
  ] as const)('%j → %s', (action, href) => {
    expect(findingActionHref(withAction(action))?.href).toBe(href);
  });

  it('labels the permission fix with the gateway and the service', () => {
    expect(
      findingActionHref(
        withAction({
          kind: 'new-permission',
          mesh: 'default',
          name: 'orders',
          gateway: 'edge-gateway',
          source: 'edge-gateway_kuma-demo_svc',
        }),
      )?.label,
    ).toBe('Fix: allow edge-gateway → orders');
  });

  it('has nothing to offer without an action', () => {
    expect(findingActionHref(withAction(undefined))).toBeUndefined();
  });
});
