import { describe, expect, it } from 'vitest';
import type { GatewayNode, TopologyGraph, TopologyNode } from '../../topology/types';
import {
  dataplaneHref,
  gatewayHref,
  listenerText,
  meshHref,
  onlineCount,
  serviceDataplanesHref,
  undrawnLinkNotes,
  undrawnLinksOf,
} from './describe';

describe('listenerText', () => {
  it.each([
    [
      { index: 0, port: 80, protocol: 'HTTP', hostname: '*', crossMesh: false, routes: 1 },
      'HTTP :80 *',
    ],
    [
      {
        index: 1,
        port: 443,
        protocol: 'HTTPS',
        hostname: 'shop.example.com',
        crossMesh: false,
        routes: 0,
      },
      'HTTPS :443 shop.example.com',
    ],
    [{ index: 2, protocol: 'NONE', hostname: '', crossMesh: false, routes: 0 }, 'NONE *'],
  ])('%j → %s', (listener, text) => {
    expect(listenerText(listener)).toBe(text);
  });
});

describe('links', () => {
  it('goes to a built-in gateway by name and a delegated one by service', () => {
    expect(gatewayHref({ mesh: 'team-1', name: 'gw', gatewayKind: 'builtin' })).toBe(
      '/meshes/team-1/gateways/gw',
    );
    expect(gatewayHref({ mesh: 'team-1', name: 'kong', gatewayKind: 'delegated' })).toBe(
      '/meshes/team-1/delegated-gateways/kong',
    );
  });

  it('encodes names', () => {
    expect(dataplaneHref({ mesh: 'a b', name: 'x/y?z' })).toBe(
      '/meshes/a%20b/dataplanes/x%2Fy%3Fz',
    );
    expect(meshHref('<img src=x>')).toBe('/meshes/%3Cimg%20src%3Dx%3E');
    expect(serviceDataplanesHref('default', 'front end')).toBe(
      '/dataplanes?mesh=default&q=service%3Afront+end',
    );
  });
});

describe('onlineCount', () => {
  it('counts online dataplanes only', () => {
    expect(
      onlineCount([
        { mesh: 'm', name: 'a', displayName: 'a', status: 'online' },
        { mesh: 'm', name: 'b', displayName: 'b', status: 'partially_degraded' },
        { mesh: 'm', name: 'c', displayName: 'c', status: 'offline' },
      ]),
    ).toEqual({ online: 1, total: 3 });
  });
});

function gateway(mesh: string, kind: 'builtin' | 'delegated', crossMesh = false): GatewayNode {
  return {
    id: `gateway:${kind}:${mesh}/${mesh}-gw`,
    kind: 'gateway',
    label: `${mesh}-gw`,
    parent: `mesh:${mesh}`,
    mesh,
    gatewayKind: kind,
    name: `${mesh}-gw`,
    displayName: `${mesh}-gw`,
    listeners: [],
    instances: [],
    health: 'online',
    zones: [],
    crossMesh,
  };
}

/** `meshes` meshes (mTLS on all but the last), each with a delegated gateway; `crossMesh` of them with a cross-mesh built-in one. */
function meshes(count: number, crossMesh = 0): TopologyGraph {
  const nodes: TopologyNode[] = [];
  for (let m = 0; m < count; m++) {
    const mesh = `m${m}`;
    nodes.push(
      {
        id: `mesh:${mesh}`,
        kind: 'mesh',
        label: mesh,
        mesh,
        mtls: m < count - 1,
        zones: [],
        health: 'online',
        counts: { services: 0, dataplanes: 0, online: 0, gateways: 2 },
      },
      gateway(mesh, 'delegated'),
      gateway(mesh, 'builtin', m < crossMesh),
    );
  }
  return { nodes, edges: [], zones: [] };
}

describe('links between meshes left out of the drawing', () => {
  it.each([
    { count: 2, crossMesh: 2, notes: [] },
    { count: 4, crossMesh: 0, notes: [] },
    {
      count: 5,
      crossMesh: 0,
      notes: [
        'Delegated gateways of 5 meshes reach each other over plain traffic, outside the meshes: not drawn.',
      ],
    },
    {
      count: 100,
      crossMesh: 6,
      notes: [
        'Delegated gateways of 100 meshes reach each other over plain traffic, outside the meshes: not drawn.',
        '6 cross-mesh gateways, each reachable over mTLS from the other mTLS meshes: links not drawn.',
      ],
    },
  ])('$count meshes, $crossMesh cross-mesh gateways', ({ count, crossMesh, notes }) => {
    expect(undrawnLinkNotes(meshes(count, crossMesh))).toEqual(notes);
  });

  it.each([
    [4, 'delegated' as const, false, undefined],
    [
      100,
      'delegated' as const,
      false,
      'Reaches delegated gateways of 99 other meshes over plain traffic, not drawn.',
    ],
    [100, 'builtin' as const, true, 'Reachable over mTLS from 98 other meshes, not drawn.'],
    [100, 'builtin' as const, false, undefined],
    [3, 'builtin' as const, true, undefined],
  ])('%i meshes, a %s gateway (cross-mesh: %s): %s', (count, kind, crossMesh, note) => {
    const graph = meshes(count, crossMesh ? count : 0);
    expect(undrawnLinksOf(graph, gateway('m0', kind, crossMesh))).toBe(note);
  });
});
