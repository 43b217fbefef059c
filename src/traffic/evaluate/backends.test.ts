import { describe, expect, it } from 'vitest';
import type { BackendRef } from '../../kuma/types';
import { sourceIdentityFromTags } from '../permissions';
import { DISCONNECTED, edgeExample } from '../test-fixtures';
import { evaluateBackends, type Transport } from './backends';
import { Trace } from './trace';

const gateway = sourceIdentityFromTags('default', [{ 'kuma.io/service': 'edge-gateway' }], 'gw');
const ref = (name: string, weight?: number): BackendRef => ({
  kind: 'MeshService',
  name,
  ...(weight === undefined ? {} : { weight }),
});

function run(refs: BackendRef[], transport: Transport = 'http', offline = false) {
  const mesh = edgeExample({ mtls: true });
  if (offline)
    for (const dp of mesh.dataplanes)
      if (dp.name === 'backend-1') dp.dataplaneInsight = DISCONNECTED;
  const trace = new Trace();
  const verdict = evaluateBackends(trace, mesh, refs, gateway, transport, (s) => `reached ${s}`);
  return { verdict, trace };
}

describe('evaluateBackends', () => {
  it.each<[string, BackendRef[], Transport, boolean, string, number]>([
    ['a healthy, permitted backend', [ref('backend')], 'http', false, 'ok', 200],
    ['no backendRefs on HTTP', [], 'http', false, 'unresolved-backend', 503],
    ['no backendRefs on TCP', [], 'tcp', false, 'connection-reset', 0],
    ['a backend that does not resolve', [ref('nobody')], 'http', false, 'unresolved-backend', 503],
    [
      'a backend without a healthy endpoint',
      [ref('backend')],
      'http',
      true,
      'no-healthy-upstream',
      503,
    ],
    [
      'the heaviest decides: 9 to a good one, 1 to none',
      [ref('backend', 9), ref('nobody', 1)],
      'http',
      false,
      'ok',
      200,
    ],
    [
      'the heaviest decides: 1 to a good one, 9 to none',
      [ref('backend', 1), ref('nobody', 9)],
      'http',
      false,
      'unresolved-backend',
      503,
    ],
  ])('%s', (_label, refs, transport, offline, kind, status) => {
    const { verdict } = run(refs, transport, offline);
    expect([verdict.kind, verdict.status]).toEqual([kind, status]);
  });

  it('writes backend, endpoints and permission steps, and a warning for the failing share', () => {
    const { trace } = run([ref('backend', 9), ref('nobody', 1)]);
    expect(trace.steps.map((step) => [step.kind, step.outcome])).toEqual([
      ['backend', 'pass'],
      ['endpoints', 'pass'],
      ['permission', 'pass'],
      ['backend', 'warn'],
      ['backend', 'warn'],
    ]);
    expect(trace.backends.map((report) => [report.service, report.share])).toEqual([
      ['backend', 0.9],
      ['nobody', 0.1],
    ]);
  });
});
