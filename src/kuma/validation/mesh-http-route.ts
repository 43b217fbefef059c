/**
 * MeshHTTPRoute rules from `pkg/plugins/policies/meshhttproute/api/v1alpha1/validation.go`
 * (R2–R8, R10–R23). Per `to[]` entry Kuma checks: targetRef, rules (matches, filters,
 * backendRefs), then hostnames. Each match first gets the CRD schema's constraints (header-name
 * pattern, non-empty header/query names and regular-expression paths), in the schema validator's
 * wording, as the API server reports them before the Go rules.
 */
import type { MeshHTTPRoute } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import { routeHostnameWarning, validatePreciseHostname } from './hostname';
import {
  backendRefKinds,
  routeTopLevelKinds,
  validateBackendRef,
  validateTopLevelTargetRef,
  validateToTargetRef,
} from './route-target';
import { minLengthMessage, patternMessage } from './schema';
import { validateTargetRef } from './target-ref';
import { type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';

/** The backend name Kuma's Gateway API conversion uses for unresolved refs; exempt from name rules. */
const UNRESOLVED_BACKEND = 'kuma.io/unresolved-backend';

/** The header-name pattern of the MeshHTTPRoute schema (RFC 7230 token, lower case). */
export const HEADER_NAME_PATTERN = "^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const HEADER_NAME_RE = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * Schema constraints on one match (`minLength: 1`, the header-name `pattern`). They apply to
 * values that are present; a missing required field is the schema's "Required value" instead.
 */
function validateMatchSchema(
  out: ViolationList,
  path: PathBuilder,
  match: Record<string, unknown>,
): void {
  const tooShort = (fieldPath: PathBuilder) =>
    out.add(fieldPath, minLengthMessage(String(fieldPath), '', 1));
  const pathMatch = asRecord(match.path);
  if (pathMatch?.type === 'RegularExpression' && pathMatch.value === '') {
    tooShort(path.field('path').field('value'));
  }
  asArray(match.headers).forEach((rawHeader, n) => {
    const namePath = path.field('headers').index(n).field('name');
    const name = asRecord(rawHeader)?.name;
    if (name === '') {
      tooShort(namePath);
    } else if (typeof name === 'string' && !HEADER_NAME_RE.test(name)) {
      out.add(namePath, patternMessage(String(namePath), name, HEADER_NAME_PATTERN));
    }
  });
  asArray(match.queryParams).forEach((rawParam, n) => {
    if (asRecord(rawParam)?.name === '') {
      tooShort(path.field('queryParams').index(n).field('name'));
    }
  });
}

function validatePathMatch(out: ViolationList, path: PathBuilder, raw: unknown): void {
  const match = asRecord(raw);
  if (match === undefined) {
    return;
  }
  const value = asString(match.value);
  const valuePath = path.field('value');
  switch (match.type) {
    case 'PathPrefix':
      if (value === '/') {
        break;
      }
      if (value.endsWith('/')) {
        out.add(
          valuePath,
          'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
        );
      }
      if (!value.startsWith('/')) {
        out.add(valuePath, 'must be an absolute path');
      }
      break;
    case 'Exact':
      if (!value.startsWith('/')) {
        out.add(valuePath, 'must be an absolute path');
      }
      break;
  }
}

function validateMatches(out: ViolationList, path: PathBuilder, matches: unknown[]): void {
  matches.forEach((raw, m) => {
    const match = asRecord(raw) ?? {};
    const matchPath = path.index(m);
    validateMatchSchema(out, matchPath, match);
    validatePathMatch(out, matchPath.field('path'), match.path);

    const seen = new Set<string>();
    asArray(match.queryParams).forEach((rawParam, n) => {
      const name = asString(asRecord(rawParam)?.name);
      if (seen.has(name)) {
        out.add(
          matchPath.field('queryParams').index(n).field('name'),
          `multiple entries for name ${name}`,
        );
      }
      seen.add(name);
    });

    asArray(match.headers).forEach((rawHeader, n) => {
      const header = asRecord(rawHeader) ?? {};
      const type = header.type ?? 'Exact';
      if ((type === 'Present' || type === 'Absent') && asString(header.value) !== '') {
        out.add(matchPath.field('headers').index(n).field('value'), 'must not be defined');
      }
    });
  });
}

function validateHeaderModifier(
  out: ViolationList,
  path: PathBuilder,
  modifier: Record<string, unknown>,
): void {
  if (!isPresent(modifier.set) && !isPresent(modifier.add) && !isPresent(modifier.remove)) {
    out.add(path, 'must have at least one defined: set, add, remove');
    return;
  }
  const seen = new Set<string>();
  const check = (itemPath: PathBuilder, name: string) => {
    if (seen.has(name)) {
      out.add(itemPath.field('name'), 'duplicate header name');
    }
    seen.add(name);
  };
  asArray(modifier.set).forEach((item, n) => {
    check(path.field('set').index(n), asString(asRecord(item)?.name));
  });
  asArray(modifier.add).forEach((item, n) => {
    check(path.field('add').index(n), asString(asRecord(item)?.name));
  });
  asArray(modifier.remove).forEach((item, n) => {
    check(path.field('remove').index(n), asString(item));
  });
}

/** "No matches" counts as a `/` prefix, so only a match without a PathPrefix breaks R20. */
function hasAnyMatchWithoutPrefix(matches: unknown[]): boolean {
  return matches.some((match) => asRecord(asRecord(match)?.path)?.type !== 'PathPrefix');
}

function validateFilters(
  out: ViolationList,
  path: PathBuilder,
  topKind: string,
  filters: unknown[],
  matches: unknown[],
  ctx: ValidationContext,
): void {
  filters.forEach((raw, f) => {
    const filter = asRecord(raw) ?? {};
    const filterPath = path.index(f);
    switch (filter.type) {
      case 'RequestHeaderModifier':
      case 'ResponseHeaderModifier': {
        const block =
          filter.type === 'RequestHeaderModifier'
            ? 'requestHeaderModifier'
            : 'responseHeaderModifier';
        const modifier = asRecord(filter[block]);
        if (modifier === undefined) {
          out.add(filterPath.field(block), 'must be defined');
        } else {
          validateHeaderModifier(out, filterPath.field(block), modifier);
        }
        break;
      }
      case 'RequestRedirect':
      case 'URLRewrite': {
        const block = filter.type === 'RequestRedirect' ? 'requestRedirect' : 'urlRewrite';
        const config = asRecord(filter[block]);
        const blockPath = filterPath.field(block);
        if (config === undefined) {
          out.add(blockPath, 'must be defined');
          break;
        }
        const pathModifier = asRecord(config.path);
        if (isPresent(pathModifier?.replacePrefixMatch) && hasAnyMatchWithoutPrefix(matches)) {
          out.add(
            blockPath.field('path').field('replacePrefixMatch'),
            'can only appear if all matches match a path prefix',
          );
        }
        if (isPresent(config.hostname)) {
          validatePreciseHostname(out, blockPath.field('hostname'), asString(config.hostname));
        }
        if (block === 'urlRewrite' && config.hostToBackendHostname === true) {
          if (topKind !== 'MeshGateway') {
            out.add(blockPath.field('hostToBackendHostname'), 'can only be set with MeshGateway');
          }
          if (isPresent(config.hostname)) {
            out.add(
              blockPath.field('hostToBackendHostname'),
              'cannot be set together with hostname',
            );
          }
        }
        break;
      }
      case 'RequestMirror': {
        const mirror = asRecord(filter.requestMirror);
        if (mirror === undefined) {
          out.add(filterPath.field('requestMirror'), 'must be defined');
          break;
        }
        validateTargetRef(
          out,
          filterPath.field('requestMirror').field('backendRef'),
          mirror.backendRef,
          { supportedKinds: ['MeshService', 'MeshServiceSubset'] },
          ctx,
        );
        break;
      }
    }
  });
}

function validateBackendRefs(
  out: ViolationList,
  path: PathBuilder,
  topKind: string,
  backendRefs: unknown[],
  filters: unknown[],
  ctx: ValidationContext,
): void {
  if (backendRefs.length === 0 && topKind === 'MeshGateway') {
    // R8: from 2.7 a rule that only redirects needs no backend.
    const redirects =
      atLeast(ctx, 2, 7) && filters.some((filter) => asRecord(filter)?.type === 'RequestRedirect');
    if (!redirects) {
      out.add(path, 'must not be empty');
    }
  }
  const kinds = backendRefKinds(ctx);
  backendRefs.forEach((ref, k) => {
    validateBackendRef(out, path.index(k), ref, kinds, ctx, [UNRESOLVED_BACKEND]);
  });
}

/** R2–R8 and R10–R23 for a MeshHTTPRoute. Paths start with `spec.`. */
export function validateMeshHTTPRoute(route: MeshHTTPRoute, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const specPath = rootedAt('spec');
  const spec = asRecord(asRecord(route)?.spec) ?? {};
  const topKind = validateTopLevelTargetRef(
    out,
    specPath.field('targetRef'),
    spec.targetRef,
    routeTopLevelKinds(ctx),
    ctx,
  );

  asArray(spec.to).forEach((rawTo, i) => {
    const to = asRecord(rawTo) ?? {};
    const toPath = specPath.field('to').index(i);
    validateToTargetRef(out, toPath.field('targetRef'), topKind, to.targetRef, ctx);

    asArray(to.rules).forEach((rawRule, j) => {
      const rule = asRecord(rawRule) ?? {};
      const rulePath = toPath.field('rules').index(j);
      const matches = asArray(rule.matches);
      const conf = asRecord(rule.default) ?? {};
      const filters = asArray(conf.filters);
      validateMatches(out, rulePath.field('matches'), matches);
      validateFilters(
        out,
        rulePath.field('default').field('filters'),
        topKind,
        filters,
        matches,
        ctx,
      );
      validateBackendRefs(
        out,
        rulePath.field('default').field('backendRefs'),
        topKind,
        asArray(conf.backendRefs),
        filters,
        ctx,
      );
    });

    if (topKind !== 'MeshGateway' && asArray(to.hostnames).length > 0) {
      out.add(toPath.field('hostnames'), 'must not be defined');
    }
  });
  return out.items;
}

/**
 * Route hostnames a listener could not have (`routeHostnameWarning`): warnings, not violations,
 * because kuma-cp stores them (see `hostname.ts`). Only where hostnames are allowed at all.
 */
export function meshHttpRouteHostnameWarnings(route: MeshHTTPRoute): Violation[] {
  const out = new ViolationList();
  const spec = asRecord(asRecord(route)?.spec);
  if (asString(asRecord(spec?.targetRef)?.kind) !== 'MeshGateway') return out.items;
  asArray(spec?.to).forEach((to, t) => {
    asArray(asRecord(to)?.hostnames).forEach((hostname, h) => {
      // An empty route hostname means every host (`makeHostname` reads it as `*`).
      const warning =
        asString(hostname) === '' ? undefined : routeHostnameWarning(asString(hostname));
      if (warning)
        out.add(rootedAt('spec').field('to').index(t).field('hostnames').index(h), warning);
    });
  });
  return out.items;
}
