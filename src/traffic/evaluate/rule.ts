/**
 * Rule stage of a built-in gateway trace (gateway-semantics.md §1.6): virtual host and rule
 * matching on an HTTP or HTTPS listener.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway } from '../../kuma/types';
import { describeListener } from '../listener-selection';
import { MatchBudget } from '../re2';
import {
  describeMatch,
  findMatchingEntry,
  type MatchedRule,
  type ParsedRequest,
  parseRequest,
  selectVirtualHost,
  toMatchedRule,
  type VirtualHost,
} from '../route-matching';
import type { ListenerFound } from './listener';
import { gatewayResource, type Stage, type Trace } from './trace';
import { type GatewayRequest, NO_ROUTES_MESSAGE } from './types';

export interface RuleFound {
  matched: MatchedRule;
  parsed: ParsedRequest;
}

/**
 * Rule stage: the virtual host for the request's host, then the first rule whose matches take
 * it (Envoy's order), under a bounded regex budget. A RequestRedirect ends the trace here.
 */
export function ruleStage(
  trace: Trace,
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  found: ListenerFound,
  virtualHosts: readonly VirtualHost[],
  request: GatewayRequest,
): Stage<RuleFound> {
  const { entry, host } = found;
  const meshName = mesh.mesh?.name ?? gateway.mesh ?? '';
  const resource = gatewayResource(gateway, meshName);
  const virtualHost = selectVirtualHost(virtualHosts, host);
  if (!virtualHost) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource,
        summary:
          virtualHosts.length === 0
            ? `Every route hostname on ${describeListener(entry)} belongs to a more exact listener, so this listener gets no virtual host and Envoy answers its own empty 404.`
            : `Host "${host}" matches none of the route hostnames on ${describeListener(entry)} (${virtualHosts
                .map((vh) => vh.hostname)
                .join(', ')}).`,
      },
      'no-route',
      404,
      `404 Not Found: no virtual host for "${host}" on port ${request.port}.`,
    );
  }
  if (virtualHost.entries.length === 0) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource,
        summary: `Virtual host ${virtualHost.hostname} has no rules with matches, so the gateway answers 404 "${NO_ROUTES_MESSAGE}".`,
      },
      'no-route',
      404,
      NO_ROUTES_MESSAGE,
    );
  }
  const parsed = parseRequest(request);
  const {
    entry: winner,
    rejected,
    notEvaluated,
  } = findMatchingEntry(virtualHost, parsed, new MatchBudget());
  if (notEvaluated) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource: {
          type: 'MeshHTTPRoute',
          mesh: meshName,
          name: notEvaluated.entry.rule.origin.route.name,
        },
        summary: `The dashboard stopped at rule ${notEvaluated.entry.rule.origin.ruleIndex} of MeshHTTPRoute "${notEvaluated.entry.rule.origin.route.name}" (${describeMatch(notEvaluated.entry.match)}): ${notEvaluated.reason}.`,
        detail: `Envoy matches RE2 in linear time and would answer; the dashboard bounds the work of one trace so that a route or a request cannot stall it. ${rejected.length} rule(s) were ruled out before.`,
      },
      'not-evaluated',
      0,
      'Not evaluated: a route regex is too costly for the dashboard to match against this request.',
    );
  }
  if (!winner) {
    const tried = rejected
      .slice(0, 6)
      .map(
        (r) => `"${r.entry.rule.origin.route.name}" ${describeMatch(r.entry.match)}: ${r.reason}`,
      )
      .join('; ');
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource: {
          type: 'MeshHTTPRoute',
          mesh: meshName,
          name: rejected[0]?.entry.rule.origin.route.name ?? '',
        },
        summary: `No rule of virtual host ${virtualHost.hostname} matches ${parsed.method} ${parsed.path}; Envoy answers a plain 404.`,
        detail: tried ? `Rules tried in order: ${tried}.` : undefined,
      },
      'no-route',
      404,
      `404 Not Found: no rule matches ${parsed.method} ${parsed.path} on ${virtualHost.hostname}.`,
    );
  }
  const matched = toMatchedRule(winner, virtualHost.hostname);
  trace.rule = matched;
  const hostNote =
    matched.routeHostname === virtualHost.hostname
      ? ''
      : `; declared under route hostname ${matched.routeHostname} and merged into virtual host ${virtualHost.hostname}`;
  const overriddenNote =
    matched.overridden.length > 0
      ? ` It overrides identical matches in ${matched.overridden.map((o) => `"${o.route}"`).join(', ')} (on a gateway listener the route whose name sorts last wins).`
      : '';
  const earlier =
    rejected.length > 0
      ? `Rules tried first: ${rejected
          .slice(0, 6)
          .map(
            (r) =>
              `"${r.entry.rule.origin.route.name}" ${describeMatch(r.entry.match)}: ${r.reason}`,
          )
          .join('; ')}.`
      : undefined;
  trace.add({
    kind: 'rule',
    outcome: 'pass',
    resource: matched.route,
    summary: `${parsed.method} ${parsed.path} on ${host} matches rule ${matched.ruleIndex} of MeshHTTPRoute "${matched.route.name}" (${describeMatch(matched.match)}${hostNote}).${overriddenNote}`,
    detail: earlier,
  });
  const redirect = matched.filters.find((filter) => filter?.type === 'RequestRedirect');
  if (redirect) {
    const r = redirect.requestRedirect ?? {};
    const status = r.statusCode ?? 302;
    const target = `${r.scheme ?? request.scheme}://${r.hostname ?? host}${r.port ? `:${r.port}` : ''}`;
    return trace.finish({
      status,
      kind: 'ok',
      message: `${status} redirect to ${target} (RequestRedirect filter; no backend is called).`,
    });
  }
  return { next: { matched, parsed } };
}
