import { describe, expect, it } from 'vitest';
import type { GatewayList } from '../../kuma/queries/gateways';
import { gatewayId } from '../../topology/types';
import { meshGateway } from '../../traffic/test-fixtures';
import { frontedGateways } from './fronted-gateways';

const list: GatewayList = {
  builtin: [
    { gateway: meshGateway('public', [{ port: 80, protocol: 'HTTP' }]), instances: [] },
    {
      gateway: meshGateway('cross', [{ port: 9080, protocol: 'HTTP', crossMesh: true }]),
      instances: [],
    },
    {
      gateway: meshGateway('elsewhere', [{ port: 80, protocol: 'HTTP' }], { mesh: 'other' }),
      instances: [],
    },
  ],
  delegated: [{ mesh: 'default', service: 'kong', dataplanes: [] }],
  proxies: [],
};

describe('frontedGateways', () => {
  it.each<[string, Record<string, boolean>, string[]]>([
    ['by default: public listeners and delegated gateways', {}, ['public', 'kong']],
    [
      'the user added the cross-mesh gateway',
      { [gatewayId('default', 'builtin', 'cross')]: true },
      ['public', 'cross', 'kong'],
    ],
    [
      'the user removed the delegated one',
      { [gatewayId('default', 'delegated', 'kong')]: false },
      ['public'],
    ],
  ])('%s', (_, overrides, names) => {
    expect(frontedGateways(list, 'default', overrides).map((gateway) => gateway.name)).toEqual(
      names,
    );
  });

  it('has nothing to front before the gateways load', () => {
    expect(frontedGateways(undefined, 'default')).toEqual([]);
  });
});
