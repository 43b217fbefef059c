/**
 * Route regexes RE2 cannot compile, as form warnings. Not in `kuma/validation`: that folder
 * holds kuma-cp's own rules and imports no package, and kuma-cp has no rule here (see below).
 */
import type { MeshHTTPRoute } from '../kuma/types';
import { asArray, asRecord } from '../kuma/validation/guards';
import { rootedAt, type Violation, ViolationList } from '../kuma/validation/violations';
import { formatCount } from '../lib/plural';
import { compileRe2, MAX_PROGRAM_SIZE } from './re2';

/** Why one regex match is void, or undefined when RE2 compiles it. */
function regexWarning(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string' || pattern === '') return undefined;
  const compiled = compileRe2(pattern);
  if (compiled.kind === 'invalid') {
    return `not valid RE2 (${compiled.error}): kuma-cp stores it, but Envoy rejects the route configuration, and the trace treats this match as matching nothing`;
  }
  if (compiled.kind === 'too-large') {
    return `about ${formatCount(compiled.estimatedSize)} RE2 instructions: more than the dashboard's trace evaluates (${formatCount(MAX_PROGRAM_SIZE)}), and Kuma has Envoy warn past a program size of 1,000`;
  }
  return undefined;
}

/**
 * Regexes RE2 cannot compile, as warnings: kuma-cp does not check them. Its MeshHTTPRoute
 * validator passes `RegularExpression` values through untouched (kumahq/kuma
 * `pkg/plugins/policies/meshhttproute/api/v1alpha1/validation.go`, `case RegularExpression:
 * break` at line 144 and `case common_api.HeaderMatchRegularExpression:` at 180 in v2.14.3;
 * lines 115 and 151 in 2.6.15; query params are checked for duplicate names only), and both
 * releases answer 201 to a PUT whose path, header and query regexes are all invalid. Envoy,
 * which compiles them with RE2, then refuses the configuration. So a form warns and still saves,
 * and the demo's PUT accepts them too.
 */
export function meshHttpRouteRegexWarnings(route: MeshHTTPRoute): Violation[] {
  const out = new ViolationList();
  const spec = asRecord(asRecord(route)?.spec) ?? {};
  asArray(spec.to).forEach((rawTo, i) => {
    asArray(asRecord(rawTo)?.rules).forEach((rawRule, j) => {
      asArray(asRecord(rawRule)?.matches).forEach((rawMatch, k) => {
        const match = asRecord(rawMatch) ?? {};
        const path = rootedAt('spec')
          .field('to')
          .index(i)
          .field('rules')
          .index(j)
          .field('matches')
          .index(k);
        const pathMatch = asRecord(match.path);
        if (pathMatch?.type === 'RegularExpression') {
          const warning = regexWarning(pathMatch.value);
          if (warning) out.add(path.field('path').field('value'), warning);
        }
        for (const field of ['headers', 'queryParams'] as const) {
          asArray(match[field]).forEach((raw, n) => {
            const entry = asRecord(raw);
            if (entry?.type !== 'RegularExpression') return;
            const warning = regexWarning(entry.value);
            if (warning) out.add(path.field(field).index(n).field('value'), warning);
          });
        }
      });
    });
  });
  return out.items;
}
