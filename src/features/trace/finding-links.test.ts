import { describe, expect, it } from 'vitest';
import type { Finding } from '../../diagnosis';
import { findingActionHref } from './finding-links';

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
    [
      { kind: 'start-dataplane', mesh: 'default', name: 'payments-1' },
      '/meshes/default/dataplanes/payments-1',
    ],
    [{ kind: 'new-permission', mesh: 'a b' }, '/meshes/a%20b'],
  ] as const)('%j → %s', (action, href) => {
    expect(findingActionHref(withAction(action))?.href).toBe(href);
  });

  it('has nothing to offer without an action', () => {
    expect(findingActionHref(withAction(undefined))).toBeUndefined();
  });
});
