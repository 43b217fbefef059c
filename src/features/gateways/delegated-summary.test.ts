import { describe, expect, it } from 'vitest';
import type { DataplaneOutbound } from '../../kuma/types';
import { delegatedGatewayDp } from '../../traffic/test-fixtures';
import { delegatedOutbounds } from './delegated-summary';

const tagged = (port: number, service: string, extra = {}): DataplaneOutbound => ({
  port,
  address: '127.0.0.1',
  tags: { 'kuma.io/service': service, ...extra },
});

describe('delegatedOutbounds', () => {
  it.each<[string, DataplaneOutbound[][], [string, string, string[], string[]][]]>([
    ['no outbound', [[]], []],
    [
      'legacy service tags, shared by every instance',
      [
        [tagged(10001, 'catalog'), tagged(10002, 'reviews')],
        [tagged(10001, 'catalog'), tagged(10002, 'reviews')],
      ],
      [
        ['catalog', 'kuma.io/service tag', ['127.0.0.1:10001'], ['kong-1', 'kong-2']],
        ['reviews', 'kuma.io/service tag', ['127.0.0.1:10002'], ['kong-1', 'kong-2']],
      ],
    ],
    [
      'MeshService backendRef (2.9+)',
      [[{ port: 10003, backendRef: { kind: 'MeshService', name: 'checkout', port: 8080 } }]],
      [['checkout', 'MeshService checkout:8080', ['127.0.0.1:10003'], ['kong-1']]],
    ],
    [
      'the same service on different local ports, one instance only',
      [[tagged(10001, 'web')], [tagged(20001, 'web'), tagged(20002, 'web', { version: 'v2' })]],
      [
        [
          'web',
          'kuma.io/service tag',
          ['127.0.0.1:10001', '127.0.0.1:20001'],
          ['kong-1', 'kong-2'],
        ],
        ['web', 'kuma.io/service tag, version=v2', ['127.0.0.1:20002'], ['kong-2']],
      ],
    ],
    [
      'an outbound without tags or backendRef',
      [[{ port: 9999 }]],
      [['(no service)', 'no tags', ['127.0.0.1:9999'], ['kong-1']]],
    ],
  ])('%s', (_label, outbounds, expected) => {
    const dataplanes = outbounds.map((outbound, index) =>
      delegatedGatewayDp(`kong-${index + 1}`, 'kong', outbound),
    );
    expect(
      delegatedOutbounds(dataplanes).map((target) => [
        target.service,
        target.via,
        target.listeners,
        target.dataplanes,
      ]),
    ).toEqual(expected);
  });
});
