import { describe, expect, it } from 'vitest';
import type { GlobalSearchAnswer } from '../../kuma/queries/search';
import type { Dataplane, Mesh, MeshGateway, MeshService, ServiceInsight } from '../../kuma/types';
import { pageResults, searchGroups } from './search-results';

const ok = <T>(items: T[], total = items.length) => ({ ok: true as const, items, total });
const mesh = (name: string) => ({ type: 'Mesh', name }) as Mesh;
const gateway = (meshName: string, name: string, labels?: Record<string, string>) =>
  ({ type: 'MeshGateway', mesh: meshName, name, labels }) as MeshGateway;
const dataplane = (meshName: string, name: string, service?: string) =>
  ({
    type: 'Dataplane',
    mesh: meshName,
    name,
    networking: service ? { gateway: { tags: { 'kuma.io/service': service } } } : {},
  }) as Dataplane;
const insight = (meshName: string, name: string) =>
  ({ type: 'ServiceInsight', mesh: meshName, name }) as ServiceInsight;
const meshService = (meshName: string, name: string) =>
  ({ type: 'MeshService', mesh: meshName, name }) as MeshService;

const EMPTY: GlobalSearchAnswer = {
  meshes: ok([]),
  builtinGateways: ok([]),
  delegatedGateways: ok([]),
  serviceInsights: ok([]),
  meshServices: undefined,
  dataplanes: ok([]),
};

const summary = (text: string, answer: Partial<GlobalSearchAnswer>) =>
  searchGroups(text, { ...EMPTY, ...answer }).map((group) => ({
    group: group.group,
    results: group.results.map((result) => `${result.label} → ${result.href}`),
    more: group.more?.href,
    failed: group.failed || undefined,
  }));

describe('searchGroups', () => {
  it('opens each kind on its own screen, names encoded', () => {
    expect(
      summary('pay', {
        meshes: ok([mesh('payments')]),
        builtinGateways: ok([gateway('payments', 'pay gw')]),
        serviceInsights: ok([insight('default', 'payments')]),
        dataplanes: ok([dataplane('default', 'payments-1')]),
      }),
    ).toEqual([
      { group: 'Meshes', results: ['payments → /meshes/payments'] },
      { group: 'Gateways', results: ['pay gw → /meshes/payments/gateways/pay%20gw'] },
      { group: 'Services', results: ['payments → /meshes/default/services/payments'] },
      { group: 'Dataplanes', results: ['payments-1 → /meshes/default/dataplanes/payments-1'] },
    ]);
  });

  it('folds delegated gateway proxies into one gateway per mesh and service', () => {
    expect(
      summary('kong', {
        delegatedGateways: ok([
          dataplane('payments', 'kong-1', 'kong-payments'),
          dataplane('payments', 'kong-2', 'kong-payments'),
          dataplane('legacy', 'kong-legacy-1', 'kong-legacy'),
        ]),
      }),
    ).toEqual([
      {
        group: 'Gateways',
        results: [
          'kong-payments → /meshes/payments/delegated-gateways/kong-payments',
          'kong-legacy → /meshes/legacy/delegated-gateways/kong-legacy',
        ],
      },
    ]);
  });

  it('names a service found as ServiceInsight and MeshService once', () => {
    expect(
      summary('web', {
        serviceInsights: ok([insight('default', 'web')]),
        meshServices: ok([meshService('default', 'web'), meshService('other', 'web')]),
      }),
    ).toEqual([
      {
        group: 'Services',
        results: ['web → /meshes/default/services/web', 'web → /meshes/other/services/web'],
      },
    ]);
  });

  it('shows display names of resources a zone synced, and links by the stored name', () => {
    const synced = gateway('default', 'edge-5f6c.kuma-system', {
      'kuma.io/display-name': 'edge',
    });
    expect(summary('edge', { builtinGateways: ok([synced]) })[0]?.results).toEqual([
      'edge → /meshes/default/gateways/edge-5f6c.kuma-system',
    ]);
  });

  it('links to the filtered list when the control plane has more than it sent', () => {
    expect(
      summary('web', {
        meshes: ok([mesh('web-1')], 30),
        dataplanes: ok([dataplane('default', 'web-1')], 5000),
        builtinGateways: ok([gateway('default', 'web-gw')], 9),
      }),
    ).toEqual([
      { group: 'Meshes', results: ['web-1 → /meshes/web-1'], more: '/meshes?q=web' },
      {
        group: 'Gateways',
        results: ['web-gw → /meshes/default/gateways/web-gw'],
        more: '/gateways?q=web',
      },
      {
        group: 'Dataplanes',
        results: ['web-1 → /meshes/default/dataplanes/web-1'],
        more: '/dataplanes?q=name%3Aweb',
      },
    ]);
  });

  it('keeps a kind that failed, so the palette can say so, and drops empty kinds', () => {
    expect(
      summary('x', {
        serviceInsights: { ok: false, error: new Error('403') },
        meshes: ok([]),
      }),
    ).toEqual([{ group: 'Services', results: [], failed: true }]);
  });
});

describe('pageResults', () => {
  it.each([
    ['', false, ['Meshes', 'Gateways', 'Dataplanes', 'Topology', 'Trace a request', 'New gateway']],
    [
      '',
      true,
      ['Meshes', 'Gateways', 'Dataplanes', 'Topology', 'Trace a request', 'New gateway', 'Zones'],
    ],
    ['GATE', false, ['Gateways', 'New gateway']],
    ['zzz', true, []],
  ] as const)('%j (zones %s)', (text, zones, labels) => {
    expect(pageResults(text, zones).map((page) => page.label)).toEqual(labels);
  });
});
