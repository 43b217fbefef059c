import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { buildTopology } from '../../topology/build-topology';
import { runTrace, tracePath } from './run-trace';
import { parseTarget } from './trace-input';

function snapshot() {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
  loadScenario(world, 'mixed');
  world.pin('default', 'edge-gateway-1', { connected: true });
  world.tick();
  return controlPlaneSnapshot(world);
}

const FRONTED = [{ kind: 'builtin' as const, name: 'edge-gateway' }];

describe('runTrace on mixed', () => {
  const data = snapshot();
  it.each([
    ['http://www.example.com/', 200, 'ok'],
    ['http://www.example.com/orders', 403, 'rbac-denied'],
    ['http://www.example.com/pay', 503, 'no-healthy-upstream'],
    ['http://admin.example.com:8081/', 404, 'no-route'],
    ['http://admin.example.com:8081/status', 200, 'ok'],
    ['http://www.example.com:7777/', 0, 'connection-refused'],
  ])('%s → %i', (url, status, kind) => {
    const run = runTrace(
      data,
      'default',
      { kind: 'builtin', name: 'edge-gateway' },
      parseTarget({ url, headers: '' }),
      'GET',
      FRONTED,
    );
    expect(run.result?.verdict).toMatchObject({ status, kind });
  });

  const LEGACY_FRONTED = [
    { kind: 'delegated' as const, name: 'kong-legacy' },
    { kind: 'builtin' as const, name: 'legacy-gateway' },
  ];
  const catalog = parseTarget({ url: 'http://catalog.example.com:8080/', headers: '' });

  it('through the edge: on a tie the built-in gateway wins over the delegated one', () => {
    // legacy-gateway without the reviews listener that keeps kuma-cp from building it.
    const fixed = structuredClone(data);
    const legacy = fixed.meshes.find((mesh) => mesh.mesh.name === 'legacy');
    const gateway = legacy?.gateways.find((candidate) => candidate.name === 'legacy-gateway');
    if (gateway?.conf?.listeners) {
      gateway.conf.listeners = gateway.conf.listeners.filter((listener) => listener.port !== 8090);
    }
    const run = runTrace(fixed, 'legacy', { kind: 'edge' }, catalog, 'GET', LEGACY_FRONTED);
    expect(run.gateway).toEqual({ kind: 'builtin', name: 'legacy-gateway' });
    expect(run.tried).toHaveLength(2);
    expect(run.result?.verdict.kind).toBe('ok');
  });

  it('through the edge: keeps the gateway that goes furthest (legacy-gateway has no configuration)', () => {
    const run = runTrace(data, 'legacy', { kind: 'edge' }, catalog, 'GET', LEGACY_FRONTED);
    expect(run.gateway).toEqual({ kind: 'delegated', name: 'kong-legacy' });
    expect(run.result?.verdict.kind).toBe('ok');
    const builtin = run.tried.find((entry) => entry.gateway.kind === 'builtin');
    expect(builtin?.result.verdict).toMatchObject({ status: 0, kind: 'connection-refused' });
  });

  it('marks the traced path with ids the topology uses', () => {
    const run = runTrace(
      data,
      'default',
      { kind: 'edge' },
      parseTarget({ url: 'http://www.example.com/api', headers: '' }),
      'GET',
      FRONTED,
    );
    const path = tracePath(run, 'default');
    const graph = buildTopology(data);
    const nodeIds = new Set(graph.nodes.map((node) => node.id));
    const edgeIds = new Set(graph.edges.map((edge) => edge.id));
    for (const id of path.nodes) expect(nodeIds.has(id), id).toBe(true);
    for (const id of path.edges) expect(edgeIds.has(id), id).toBe(true);
    expect([...path.nodes]).toEqual(
      expect.arrayContaining(['sidecar:default/backend', 'sidecar:default/backend-v2']),
    );
  });

  it('explains a URL it cannot read instead of tracing', () => {
    const run = runTrace(
      data,
      'default',
      { kind: 'edge' },
      parseTarget({ url: 'ftp://x', headers: '' }),
      'GET',
      FRONTED,
    );
    expect(run.problem).toMatch(/only http and https/);
  });
});
