import { servicePath } from '../services/service-links';

/** Where the dashboard shows a resource a trace step or a finding names, if anywhere. */
export function resourceHref(resource: {
  type: string;
  mesh: string;
  name: string;
}): string | undefined {
  const mesh = encodeURIComponent(resource.mesh);
  const name = encodeURIComponent(resource.name);
  switch (resource.type) {
    case 'MeshGateway':
      return `/meshes/${mesh}/gateways/${name}`;
    case 'DelegatedGateway':
      return `/meshes/${mesh}/delegated-gateways/${name}`;
    case 'Dataplane':
      return `/meshes/${mesh}/dataplanes/${name}`;
    case 'Mesh':
      return `/meshes/${mesh}`;
    case 'ServiceInsight':
    case 'MeshService':
      return servicePath(resource.mesh, resource.name);
    default:
      return undefined;
  }
}
