import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import { buildGatewayModel } from '../../mesh-model/mesh-model';
import { DISCONNECTED } from '../test-fixtures';
import { configurationStage, gatewayStage, instancesStep } from './gateway';
import { edgeSetup } from './stage-fixtures';
import { stopped, Trace } from './trace';

describe('gatewayStage', () => {
  it.each([
    ['edge-gateway', true],
    ['nope', false],
  ])('%s found: %s', (name, found) => {
    const { mesh } = edgeSetup();
    const trace = new Trace();
    const stage = gatewayStage(trace, mesh, { mesh: 'default', name });
    expect(stopped(stage)).toBe(!found);
    expect(trace.steps[0]?.summary).toMatch(
      found ? /declares 4 listeners/ : /does not exist in mesh "default"/,
    );
  });
});

describe('instancesStep', () => {
  const offline = (mesh: MeshSnapshot) => {
    const dp = mesh.dataplanes[0];
    if (dp) dp.dataplaneInsight = DISCONNECTED;
  };
  const none = (mesh: MeshSnapshot) => {
    mesh.dataplanes = mesh.dataplanes.slice(1);
  };
  it.each([
    ['an online instance', () => {}, 'pass', 'edge-gateway-1'],
    ['every instance offline', offline, 'fail', undefined],
    ['no instance', none, 'fail', undefined],
  ])('%s: %s', (_label, change, outcome, instance) => {
    const { mesh } = edgeSetup();
    change(mesh);
    const model = buildGatewayModel(mesh).builtinGateway('edge-gateway');
    const trace = new Trace();
    const step = instancesStep(trace, mesh, model as NonNullable<typeof model>);
    expect(trace.steps[0]?.outcome).toBe(outcome);
    expect(step.instance?.name).toBe(instance);
    expect(step.result?.verdict.kind ?? 'ok').toBe(instance ? 'ok' : 'connection-refused');
  });
});

describe('configurationStage', () => {
  it.each([
    ['a gateway kuma-cp builds', () => {}, false, undefined],
    [
      'a certificate secret the mesh lacks',
      (mesh: MeshSnapshot) => {
        mesh.secretNames = [];
      },
      true,
      'listener',
    ],
    [
      'a MeshTCPRoute backend without weight',
      (mesh: MeshSnapshot) => {
        const ref = mesh.tcpRoutes[0]?.spec?.to?.[0]?.rules?.[0]?.default?.backendRefs?.[0];
        if (ref) delete ref.weight;
      },
      true,
      'configuration',
    ],
  ])('%s: stops %s', (_label, change, stops, kind) => {
    const { mesh, model, instance, trace } = edgeSetup(change);
    const stage = configurationStage(trace, mesh, model, instance);
    expect(stopped(stage)).toBe(stops);
    if (stopped(stage)) {
      expect(stage.verdict.kind).toBe('connection-refused');
      expect(stage.steps.at(-1)?.kind).toBe(kind);
    }
  });
});
