/** Shared set-up for the stage tests: the §1.7 example and a trace that has reached a stage. */
import type { MeshSnapshot } from '../../kuma/snapshot';
import { buildGatewayModel } from '../../mesh-model/mesh-model';
import { cpSnapshot, edgeExample } from '../test-fixtures';
import { Trace } from './trace';
import type { GatewayRequest } from './types';

export function edgeRequest(overrides: Partial<GatewayRequest> = {}): GatewayRequest {
  return {
    gateway: { mesh: 'default', name: 'edge-gateway' },
    scheme: 'http',
    host: 'foo.example.com',
    port: 8080,
    path: '/',
    method: 'GET',
    headers: {},
    ...overrides,
  };
}

/** The example, its gateway model and an online instance, ready for the later stages. */
export function edgeSetup(change: (mesh: MeshSnapshot) => void = () => {}) {
  const mesh = edgeExample();
  change(mesh);
  const model = buildGatewayModel(mesh).builtinGateway('edge-gateway');
  if (!model) throw new Error('edge-gateway missing from the example');
  const instance = model.instances[0];
  if (!instance) throw new Error('edge-gateway has no instance in the example');
  return { mesh, snapshot: cpSnapshot(mesh), model, instance, trace: new Trace() };
}
