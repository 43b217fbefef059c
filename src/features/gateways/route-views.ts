/**
 * How the gateway page describes one route: its `to` entries with the hostnames each lands on,
 * its rules (matches, filters) and backends with their shares. Pure display shaping of route
 * resources; which routes attach where is the mesh model's (`src/mesh-model`).
 */
import type { BackendRef, HttpRouteFilter, MeshHTTPRoute, MeshTCPRoute } from '../../kuma/types';
import { backendShares, describeBackendRef } from '../../traffic/backends';
import type { HostnameOutcome, RouteKind } from '../../traffic/route-attachment';
import { describeMatch } from '../../traffic/route-matching';

export interface BackendView {
  /** The backend's name, shown as text. */
  name: string;
  /** Kind, namespace, port, subset tags: `MeshService backend:8080`. */
  detail: string;
  weight: number;
  /** Whole percent of the rule's requests. */
  percent: number;
  /** The service's name for its page, when the ref names a service (not an external one). */
  service?: string;
}

export interface RuleView {
  key: string;
  /** One line per match (path type+value, method, headers, query); `any request` when none. */
  matches: string[];
  filters: string[];
  backends: BackendView[];
}

export interface ToEntryView {
  key: string;
  /** How each of this entry's hostnames lands on the listener (HTTP only). */
  hostnames: HostnameOutcome[];
  /** False when none of the entry's hostnames can be served by this listener. */
  applies: boolean;
  rules: RuleView[];
}

export interface AttachedRouteView {
  kind: RouteKind;
  name: string;
  reason: string;
  entries: ToEntryView[];
  /** MeshTCPRoute only: a later route replaces this one on the listener. */
  overriddenBy?: string;
}

export interface DetachedRouteView {
  kind: RouteKind;
  name: string;
  reason: string;
}

function backendName(ref: BackendRef): string {
  if (ref.name) return ref.name;
  const labels = Object.entries(ref.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return labels.length > 0 ? labels.join(', ') : '(no name)';
}

export function backendViews(refs: readonly BackendRef[] | undefined): BackendView[] {
  return backendShares(refs ?? []).map(({ ref, weight, share }) => ({
    name: backendName(ref),
    detail: describeBackendRef(ref),
    weight,
    percent: Math.round(share * 100),
    ...((ref.kind ?? 'MeshService') === 'MeshService' || ref.kind === 'MeshServiceSubset'
      ? ref.name
        ? { service: ref.name }
        : {}
      : {}),
  }));
}

function describeFilter(filter: HttpRouteFilter): string {
  switch (filter.type) {
    case 'RequestRedirect': {
      const redirect = filter.requestRedirect;
      const target = [
        redirect?.scheme ? `${redirect.scheme}://` : '',
        redirect?.hostname ?? '',
        redirect?.port ? `:${redirect.port}` : '',
        redirect?.path?.replaceFullPath ?? redirect?.path?.replacePrefixMatch ?? '',
      ].join('');
      return `redirect${redirect?.statusCode ? ` ${redirect.statusCode}` : ''}${target ? ` to ${target}` : ''}`;
    }
    case 'URLRewrite': {
      const rewrite = filter.urlRewrite;
      const parts = [
        rewrite?.hostname ? `host ${rewrite.hostname}` : '',
        rewrite?.path?.replaceFullPath ? `path ${rewrite.path.replaceFullPath}` : '',
        rewrite?.path?.replacePrefixMatch ? `prefix ${rewrite.path.replacePrefixMatch}` : '',
      ].filter(Boolean);
      return `rewrite${parts.length > 0 ? ` ${parts.join(', ')}` : ''}`;
    }
    case 'RequestMirror':
      return `mirror to ${filter.requestMirror ? backendName(filter.requestMirror.backendRef) : '?'}`;
    case 'RequestHeaderModifier':
      return 'modify request headers';
    case 'ResponseHeaderModifier':
      return 'modify response headers';
    default:
      return String((filter as { type?: unknown }).type ?? 'filter');
  }
}

export function httpRouteView(
  route: MeshHTTPRoute,
  reason: string,
  outcomes: readonly HostnameOutcome[],
): AttachedRouteView {
  const entries: ToEntryView[] = (route.spec?.to ?? []).flatMap((to, toIndex) => {
    if ((to?.targetRef?.kind ?? 'Mesh') !== 'Mesh') return [];
    const hostnames = outcomes.filter((outcome) => outcome.toIndex === toIndex);
    return [
      {
        key: String(toIndex),
        hostnames,
        applies: hostnames.some((outcome) => outcome.virtualHost && !outcome.takenBy),
        rules: (to.rules ?? []).map((rule, ruleIndex) => ({
          key: String(ruleIndex),
          matches:
            rule?.matches && rule.matches.length > 0
              ? rule.matches.map((match) => describeMatch(match))
              : ['any request'],
          filters: (rule?.default?.filters ?? []).map(describeFilter),
          backends: backendViews(rule?.default?.backendRefs),
        })),
      },
    ];
  });
  return { kind: 'MeshHTTPRoute', name: route.name, reason, entries };
}

export function tcpRouteView(route: MeshTCPRoute, reason: string): AttachedRouteView {
  const entries: ToEntryView[] = (route.spec?.to ?? []).flatMap((to, toIndex) => {
    if ((to?.targetRef?.kind ?? 'Mesh') !== 'Mesh') return [];
    return [
      {
        key: String(toIndex),
        hostnames: [],
        applies: true,
        rules: (to.rules ?? []).map((rule, ruleIndex) => ({
          key: String(ruleIndex),
          matches: ['every connection'],
          filters: [],
          backends: backendViews(rule?.default?.backendRefs),
        })),
      },
    ];
  });
  return { kind: 'MeshTCPRoute', name: route.name, reason, entries };
}
