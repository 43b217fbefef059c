import { displayNameOf } from '../../kuma/display-name';
import type { GlobalSearchAnswer, SearchPart } from '../../kuma/queries/search';
import type { Dataplane } from '../../kuma/types';
import {
  builtinGatewayPath,
  dataplaneListPath,
  dataplanePath,
  delegatedGatewayPath,
  gatewayListPath,
  meshListPath,
  meshPath,
  newGatewayPath,
  ROUTES,
  servicePath,
} from '../../lib/paths';
import { delegatedGatewayService } from '../../mesh-model/identity';

export type ResultGroup = 'Pages' | 'Meshes' | 'Gateways' | 'Services' | 'Dataplanes';

export interface SearchResult {
  /** Unique across the palette; cmdk keys items by it. */
  id: string;
  group: ResultGroup;
  label: string;
  /** Mesh, kind or other context shown beside the label. */
  detail?: string;
  href: string;
}

export interface SearchGroup {
  group: ResultGroup;
  results: SearchResult[];
  /** Matches the control plane has beyond those shown, with where to see them all. */
  more?: { href: string; label: string };
  /** Why this kind could not be searched (the others still are). */
  failed?: boolean;
}

/** The screens, always offered; typed text narrows them by name. */
export function pageResults(text: string, zones: boolean): SearchResult[] {
  const pages: [string, string][] = [
    ['Meshes', ROUTES.meshes],
    ['Gateways', ROUTES.gateways],
    ['Dataplanes', ROUTES.dataplanes],
    ['Topology', ROUTES.topology],
    ['Trace a request', ROUTES.trace],
    ['New gateway', newGatewayPath()],
    ...(zones ? ([['Zones', ROUTES.zones]] as [string, string][]) : []),
  ];
  const wanted = text.trim().toLowerCase();
  return pages
    .filter(([label]) => wanted === '' || label.toLowerCase().includes(wanted))
    .map(([label, href]) => ({ id: `page:${href}`, group: 'Pages', label, href }));
}

function group<T>(
  name: ResultGroup,
  part: SearchPart<T>,
  toResults: (items: T[]) => SearchResult[],
  more?: (total: number) => SearchGroup['more'],
): SearchGroup | undefined {
  if (!part) return undefined;
  if (!part.ok) return { group: name, results: [], failed: true };
  const results = toResults(part.items);
  const hidden = part.total - part.items.length;
  return { group: name, results, more: hidden > 0 ? more?.(part.total) : undefined };
}

function gatewayService(dataplane: Dataplane): string {
  return delegatedGatewayService({ name: dataplane.name, dataplane });
}

/**
 * The palette's groups from the control plane's answers: each item opens its own screen, and
 * a kind with more matches than shown links to its list filtered the same way.
 */
export function searchGroups(text: string, answer: GlobalSearchAnswer): SearchGroup[] {
  const q = text.trim();
  const meshes = group(
    'Meshes',
    answer.meshes,
    (items) =>
      items.map((mesh) => ({
        id: `mesh:${mesh.name}`,
        group: 'Meshes',
        label: mesh.name,
        href: meshPath(mesh.name),
      })),
    (total) => ({ href: meshListPath(q), label: `All ${total} meshes` }),
  );

  // Built-in gateways by name; delegated ones by their `kuma.io/service`, one per mesh and
  // service however many proxies run it (the API's tag filter is a substring match too).
  const builtin = group('Gateways', answer.builtinGateways, (items) =>
    items.map((gateway) => ({
      id: `builtin:${gateway.mesh}/${gateway.name}`,
      group: 'Gateways',
      label: displayNameOf(gateway),
      detail: `built-in · ${gateway.mesh}`,
      href: builtinGatewayPath(gateway.mesh, gateway.name),
    })),
  );
  const delegated = group('Gateways', answer.delegatedGateways, (items) => {
    const seen = new Map<string, SearchResult>();
    for (const dataplane of items) {
      const service = gatewayService(dataplane);
      const id = `delegated:${dataplane.mesh}/${service}`;
      if (!seen.has(id))
        seen.set(id, {
          id,
          group: 'Gateways',
          label: service,
          detail: `delegated · ${dataplane.mesh}`,
          href: delegatedGatewayPath(dataplane.mesh, service),
        });
    }
    return [...seen.values()];
  });
  const gatewayMore = hasMore(answer.builtinGateways, answer.delegatedGateways)
    ? { href: gatewayListPath({ q }), label: 'All matching gateways' }
    : undefined;
  const gateways: SearchGroup | undefined =
    builtin || delegated
      ? {
          group: 'Gateways',
          results: [...(builtin?.results ?? []), ...(delegated?.results ?? [])],
          more: gatewayMore,
          failed: Boolean(builtin?.failed || delegated?.failed),
        }
      : undefined;

  // ServiceInsights and MeshServices can name the same service: one entry per mesh and name.
  const services = new Map<string, SearchResult>();
  let servicesFailed = false;
  let servicesMore = false;
  for (const part of [answer.serviceInsights, answer.meshServices]) {
    if (!part) continue;
    if (!part.ok) {
      servicesFailed = true;
      continue;
    }
    servicesMore ||= part.total > part.items.length;
    for (const item of part.items) {
      const label = displayNameOf(item);
      const id = `service:${item.mesh}/${label}`;
      if (!services.has(id))
        services.set(id, {
          id,
          group: 'Services',
          label,
          detail: item.mesh,
          href: servicePath(item.mesh, label),
        });
    }
  }
  const serviceGroup: SearchGroup | undefined =
    answer.serviceInsights || answer.meshServices
      ? {
          group: 'Services',
          results: [...services.values()],
          failed: servicesFailed,
          more: servicesMore
            ? {
                href: dataplaneListPath({ q: `service:${q}` }),
                label: 'Dataplanes of every matching service',
              }
            : undefined,
        }
      : undefined;

  const dataplanes = group(
    'Dataplanes',
    answer.dataplanes,
    (items) =>
      items.map((dataplane) => ({
        id: `dataplane:${dataplane.mesh}/${dataplane.name}`,
        group: 'Dataplanes',
        label: displayNameOf(dataplane),
        detail: dataplane.mesh,
        href: dataplanePath(dataplane),
      })),
    (total) => ({
      href: dataplaneListPath({ q: `name:${q}` }),
      label: `All ${total} dataplanes`,
    }),
  );
  return [meshes, gateways, serviceGroup, dataplanes].filter(
    (entry): entry is SearchGroup =>
      entry !== undefined && (entry.results.length > 0 || Boolean(entry.failed)),
  );
}

function hasMore(...parts: SearchPart<unknown>[]): boolean {
  return parts.some((part) => part?.ok && part.total > part.items.length);
}
