import { describe, expect, it } from 'vitest';
import { renderClustersJson, renderClustersText } from './clusters';
import type { EnvoyProxySnapshot } from './types';

const snapshot: EnvoyProxySnapshot = {
  mesh: 'default',
  name: 'web-1',
  address: '10.0.0.5',
  adminPort: 9901,
  kind: 'sidecar',
  controlPlane: { address: '10.96.0.1', port: 5678 },
  uptimeSeconds: 60,
  listeners: [],
  clusters: [
    {
      name: 'backend_kuma-demo_svc_8080',
      endpoints: [
        { address: '10.0.0.7', port: 8080, healthy: true, weight: 1, rqTotal: 12 },
        {
          address: '10.0.0.8',
          port: 8080,
          healthy: false,
          unhealthyReason: 'eds',
          weight: 2,
          rqTotal: 0,
        },
        { address: '10.0.0.9', port: 8080, healthy: false, weight: 1, rqTotal: 3 },
      ],
      counters: { rqTotal: 15, rqByCode: { 200: 15 }, cxTotal: 2, cxActive: 1, rqTimeout: 0 },
    },
    {
      name: 'localhost_8080',
      endpoints: [{ address: '127.0.0.1', port: 8080, healthy: true, weight: 1, rqTotal: 4 }],
      counters: { rqTotal: 4, rqByCode: { 200: 4 }, cxTotal: 1, cxActive: 0, rqTimeout: 0 },
    },
  ],
};

describe('renderClustersText', () => {
  const lines = renderClustersText(snapshot).trimEnd().split('\n');

  it.each([
    'backend_kuma-demo_svc_8080::observability_name::backend_kuma-demo_svc_8080',
    'backend_kuma-demo_svc_8080::default_priority::max_connections::1024',
    'backend_kuma-demo_svc_8080::high_priority::max_retries::3',
    'backend_kuma-demo_svc_8080::added_via_api::true',
    'backend_kuma-demo_svc_8080::eds_service_name::backend_kuma-demo_svc_8080',
    'backend_kuma-demo_svc_8080::10.0.0.7:8080::health_flags::healthy',
    'backend_kuma-demo_svc_8080::10.0.0.7:8080::rq_total::12',
    'backend_kuma-demo_svc_8080::10.0.0.7:8080::weight::1',
    'backend_kuma-demo_svc_8080::10.0.0.8:8080::health_flags::/failed_eds_health',
    'backend_kuma-demo_svc_8080::10.0.0.8:8080::weight::2',
    'backend_kuma-demo_svc_8080::10.0.0.9:8080::health_flags::/failed_active_hc',
    'localhost_8080::127.0.0.1:8080::rq_total::4',
    'ads_cluster::added_via_api::false',
    'ads_cluster::10.96.0.1:5678::health_flags::healthy',
    'kuma_envoy_admin::127.0.0.1:9901::health_flags::healthy',
    'access_log_sink::/tmp/kuma-al-web-1-default.sock::health_flags::healthy',
  ])('prints %s', (line) => {
    expect(lines).toContain(line);
  });

  it('has four `::`-separated fields per host line and three per cluster line', () => {
    for (const line of lines) {
      expect([3, 4]).toContain(line.split('::').length);
    }
  });

  it('lists clusters by name', () => {
    const order = [...new Set(lines.map((line) => line.split('::')[0]))];
    expect(order).toEqual([
      'access_log_sink',
      'ads_cluster',
      'backend_kuma-demo_svc_8080',
      'kuma_envoy_admin',
      'localhost_8080',
    ]);
  });

  it('gives the inbound cluster no EDS service, since Kuma makes it static', () => {
    expect(lines.some((line) => line.startsWith('localhost_8080::eds_service_name'))).toBe(false);
  });
});

interface ClusterStatusJson {
  name: string;
  added_via_api?: boolean;
  host_statuses: {
    address: { socket_address?: { address: string; port_value: number }; pipe?: { path: string } };
    stats: { name: string; value?: string }[];
    health_status: Record<string, unknown>;
    weight: number;
  }[];
}

describe('renderClustersJson', () => {
  const { cluster_statuses: statuses } = renderClustersJson(snapshot) as {
    cluster_statuses: ClusterStatusJson[];
  };
  const backend = statuses.find((status) => status.name === 'backend_kuma-demo_svc_8080')!;
  const hostAt = (address: string) =>
    backend.host_statuses.find((host) => host.address.socket_address?.address === address)!;

  it('lists the same clusters as the text form', () => {
    expect(statuses.map((status) => status.name)).toEqual([
      'access_log_sink',
      'ads_cluster',
      'backend_kuma-demo_svc_8080',
      'kuma_envoy_admin',
      'localhost_8080',
    ]);
  });

  it.each([
    ['10.0.0.7', { eds_health_status: 'HEALTHY' }],
    ['10.0.0.8', { eds_health_status: 'UNHEALTHY' }],
    ['10.0.0.9', { failed_active_health_check: true, eds_health_status: 'HEALTHY' }],
  ])('host %s has health %o', (address, health) => {
    expect(hostAt(address).health_status).toEqual(health);
  });

  it('writes counters as protobuf JSON does: strings, zero left out', () => {
    expect(hostAt('10.0.0.7').stats).toEqual([{ name: 'rq_total', value: '12' }]);
    expect(hostAt('10.0.0.8').stats).toEqual([{ name: 'rq_total' }]);
  });

  it('addresses hosts by socket, and the access-log sink by pipe', () => {
    expect(hostAt('10.0.0.8').address.socket_address).toEqual({
      address: '10.0.0.8',
      port_value: 8080,
    });
    expect(hostAt('10.0.0.8').weight).toBe(2);
    const sink = statuses.find((status) => status.name === 'access_log_sink')!;
    expect(sink.host_statuses[0]!.address).toEqual({
      pipe: { path: '/tmp/kuma-al-web-1-default.sock' },
    });
    expect(sink.added_via_api).toBeUndefined();
  });

  it('does not duplicate a bootstrap cluster the simulation already models', () => {
    const withAds = structuredClone(snapshot);
    withAds.clusters.push({
      name: 'ads_cluster',
      endpoints: [{ address: '10.96.0.1', port: 5678, healthy: true, weight: 1, rqTotal: 1 }],
      counters: { rqTotal: 1, rqByCode: {}, cxTotal: 1, cxActive: 1, rqTimeout: 0 },
    });
    const names = (
      renderClustersJson(withAds) as { cluster_statuses: ClusterStatusJson[] }
    ).cluster_statuses.map((status) => status.name);
    expect(names.filter((name) => name === 'ads_cluster')).toHaveLength(1);
  });
});
