/**
 * The mesh diagnosis (`src/diagnosis`) filtered to one service: findings about the service or
 * its proxies, then findings about the gateways and routes in front of it, which break the way
 * in even when the service itself is fine.
 */
import type { Finding, ResourceRef } from '../../diagnosis';
import type { ServiceModel } from './service-model';

export interface ServiceFinding {
  finding: Finding;
  /** `service`: names the service or one of its proxies; `path`: a gateway or route before it. */
  about: 'service' | 'path';
}

/** Resource types a finding uses for a service (the trace calls a tag value `Service`). */
const SERVICE_TYPES = new Set(['ServiceInsight', 'MeshService', 'Service']);

export function serviceFindings(
  findings: readonly Finding[],
  model: Pick<ServiceModel, 'identity' | 'dataplanes' | 'builtin' | 'delegated' | 'inactive'>,
): ServiceFinding[] {
  const names = new Set(model.identity.names);
  const dataplanes = new Set(model.dataplanes.map((dataplane) => dataplane.name));
  const gateways = new Set(model.builtin.map((entry) => entry.gateway));
  const delegated = new Set(model.delegated.map((entry) => entry.gateway));
  const routes = new Set(
    [...model.builtin.map((entry) => entry.route), ...model.inactive].map(
      (route) => `${route.type}\u0000${route.name}`,
    ),
  );
  for (const route of model.inactive) if (route.gateway) gateways.add(route.gateway);
  const isService = (ref: ResourceRef) =>
    (SERVICE_TYPES.has(ref.type) && names.has(ref.name)) ||
    (ref.type === 'Dataplane' && dataplanes.has(ref.name));
  const isOtherService = (ref: ResourceRef) => SERVICE_TYPES.has(ref.type) && !names.has(ref.name);
  const isPath = (ref: ResourceRef) =>
    (ref.type === 'MeshGateway' && gateways.has(ref.name)) ||
    (ref.type === 'DelegatedGateway' && delegated.has(ref.name)) ||
    routes.has(`${ref.type}\u0000${ref.name}`);
  const result: ServiceFinding[] = [];
  for (const finding of findings) {
    if (finding.mesh !== model.identity.mesh) continue;
    const refs = [finding.subject, ...finding.related];
    if (refs.some(isService)) result.push({ finding, about: 'service' });
    // A gateway's finding that names another service is about that service's way in.
    else if (refs.some(isPath) && !refs.some(isOtherService))
      result.push({ finding, about: 'path' });
  }
  // Stable: the diagnosis order (errors first) within each group.
  return [
    ...result.filter((entry) => entry.about === 'service'),
    ...result.filter((entry) => entry.about === 'path'),
  ];
}
