import type { ControlPlaneSnapshot, MeshSnapshot } from '../../src/kuma/snapshot';
import type {
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
} from '../../src/kuma/types';
import { serviceInsights } from './routes/insights';
import type { World } from './world';

export interface SnapshotOptions {
  /**
   * ServiceInsights only tell the evaluator about services no dataplane in the snapshot serves;
   * the simulation has every dataplane, so it skips computing them each tick.
   */
  serviceInsights?: boolean;
}

/** The world as the dashboard would read it through the API, one mesh at a time. */
export function meshSnapshot(
  world: World,
  mesh: Mesh,
  options: SnapshotOptions = {},
): MeshSnapshot {
  const list = <T>(type: string) => world.store.list(type, mesh.name) as unknown as T[];
  return {
    mesh,
    gateways: list<MeshGateway>('MeshGateway'),
    dataplanes: world.store
      .list('Dataplane', mesh.name)
      .map((dataplane) => world.overview(dataplane)),
    httpRoutes: list<MeshHTTPRoute>('MeshHTTPRoute'),
    tcpRoutes: list<MeshTCPRoute>('MeshTCPRoute'),
    trafficPermissions: list<MeshTrafficPermission>('MeshTrafficPermission'),
    meshServices: list<MeshService>('MeshService'),
    serviceInsights:
      world.version.major < 3 && options.serviceInsights !== false
        ? serviceInsights(world, mesh.name)
        : [],
  };
}

export function controlPlaneSnapshot(
  world: World,
  options: SnapshotOptions = {},
): ControlPlaneSnapshot {
  return { meshes: world.meshes().map((mesh) => meshSnapshot(world, mesh, options)) };
}
