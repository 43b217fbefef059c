/**
 * Route forms ⇄ MeshHTTPRoute / MeshTCPRoute targeting a MeshGateway. Every row is kept in form
 * order, so `spec.to[t].rules[r]…` indexes are the form's indexes. Pure functions.
 */
import type {
  BackendRef,
  HttpHeaderMatch,
  HttpQueryMatch,
  HttpRouteFilter,
  HttpRouteMatch,
  HttpRouteRule,
  Labels,
  MeshHTTPRoute,
  MeshTCPRoute,
  TargetRef,
} from '../../kuma/types';
import {
  type BackendForm,
  type BackendRefChoice,
  extraFields,
  type HttpEntryForm,
  type HttpRouteForm,
  type HttpRuleForm,
  type MatchForm,
  numberText,
  type PathMatchType,
  parseWholeNumber,
  rowsFromTags,
  type TagRow,
  type TcpRouteForm,
  tagsFromRows,
} from './model';

const BACKEND_FIELDS = ['kind', 'name', 'namespace', 'port', 'weight'] as const;
const OTHER_KINDS: readonly BackendRefChoice[] = [
  'MeshServiceSubset',
  'MeshExternalService',
  'MeshMultiZoneService',
];

export interface RouteMeta {
  mesh: string;
  gateway: string;
  labels?: Labels;
}

function targetRefOf(meta: RouteMeta, targetTags: readonly TagRow[]): TargetRef {
  const tags = tagsFromRows(targetTags);
  return {
    kind: 'MeshGateway',
    name: meta.gateway,
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
  };
}

export function backendRefFromForm(form: BackendForm): BackendRef {
  const ref: BackendRef = {
    ...(form.extra ?? {}),
    kind: form.ref === 'service' ? 'MeshService' : form.ref,
  };
  if (form.name !== '') ref.name = form.name;
  if (form.namespace !== '' && form.ref !== 'service') ref.namespace = form.namespace;
  const port = parseWholeNumber(form.port);
  // A MeshService without a port is a `kuma.io/service` tag reference (§1.6).
  if (port !== undefined && form.ref !== 'service') ref.port = port;
  const weight = parseWholeNumber(form.weight);
  if (weight !== undefined) ref.weight = weight;
  return ref;
}

export function backendToForm(ref: BackendRef): BackendForm {
  const hasPort = ref.port !== undefined || ref.sectionName !== undefined;
  let choice: BackendRefChoice;
  if (ref.kind === 'MeshService') choice = hasPort ? 'MeshService' : 'service';
  else if ((OTHER_KINDS as readonly string[]).includes(ref.kind))
    choice = ref.kind as BackendRefChoice;
  else choice = 'MeshService';
  const extra = extraFields(ref as unknown as Record<string, unknown>, BACKEND_FIELDS);
  return {
    ref: choice,
    name: ref.name ?? '',
    namespace: ref.namespace ?? '',
    port: numberText(ref.port),
    weight: numberText(ref.weight),
    ...(extra ? { extra } : {}),
  };
}

function matchFromForm(form: MatchForm): HttpRouteMatch {
  const match: HttpRouteMatch = {};
  if (form.pathType !== '') match.path = { type: form.pathType, value: form.pathValue };
  if (form.method !== '') match.method = form.method;
  if (form.headers.length > 0) {
    match.headers = form.headers.map((header): HttpHeaderMatch => {
      const valueless = header.type === 'Present' || header.type === 'Absent';
      return {
        type: (header.type || 'Exact') as HttpHeaderMatch['type'],
        name: header.name,
        ...(valueless && header.value === '' ? {} : { value: header.value }),
      };
    });
  }
  if (form.queryParams.length > 0) {
    match.queryParams = form.queryParams.map(
      (param): HttpQueryMatch => ({
        type: (param.type || 'Exact') as HttpQueryMatch['type'],
        name: param.name,
        value: param.value,
      }),
    );
  }
  return match;
}

function ruleFromForm(form: HttpRuleForm): HttpRouteRule {
  return {
    matches: form.matches.map(matchFromForm),
    default: {
      ...(form.filters.length > 0 ? { filters: form.filters as HttpRouteFilter[] } : {}),
      backendRefs: form.backends.map(backendRefFromForm),
    },
  };
}

function entryFromForm(entry: HttpEntryForm) {
  const hostnames = entry.hostnames.map((hostname) => hostname.value);
  return {
    targetRef: { kind: 'Mesh' },
    ...(hostnames.length > 0 ? { hostnames } : {}),
    rules: entry.rules.map(ruleFromForm),
  };
}

export function httpRouteFromForm(form: HttpRouteForm, meta: RouteMeta): MeshHTTPRoute {
  return {
    type: 'MeshHTTPRoute',
    mesh: meta.mesh,
    name: form.name,
    ...(meta.labels && Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
    spec: {
      targetRef: targetRefOf(meta, form.targetTags),
      to: form.entries.map(entryFromForm),
    },
  };
}

function matchToForm(match: HttpRouteMatch): MatchForm {
  return {
    pathType: (match.path?.type ?? '') as PathMatchType,
    pathValue: match.path?.value ?? '',
    method: match.method ?? '',
    headers: (match.headers ?? []).map((header) => ({
      type: header.type ?? 'Exact',
      name: header.name,
      value: header.value ?? '',
    })),
    queryParams: (match.queryParams ?? []).map((param) => ({
      type: param.type,
      name: param.name,
      value: param.value,
    })),
  };
}

export function httpRouteToForm(route: MeshHTTPRoute): HttpRouteForm {
  return {
    name: route.name,
    targetTags: rowsFromTags(route.spec.targetRef?.tags),
    entries: (route.spec.to ?? []).map((to) => ({
      hostnames: (to.hostnames ?? []).map((value) => ({ value })),
      rules: (to.rules ?? []).map((rule) => ({
        // A rule without matches is a `/` prefix; the form always shows at least one match.
        matches: (rule.matches && rule.matches.length > 0 ? rule.matches : [{}]).map(matchToForm),
        backends: (rule.default.backendRefs ?? []).map(backendToForm),
        filters: rule.default.filters ?? [],
      })),
    })),
  };
}

export function tcpRouteFromForm(form: TcpRouteForm, meta: RouteMeta): MeshTCPRoute {
  return {
    type: 'MeshTCPRoute',
    mesh: meta.mesh,
    name: form.name,
    ...(meta.labels && Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
    spec: {
      targetRef: targetRefOf(meta, form.targetTags),
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [{ default: { backendRefs: form.backends.map(backendRefFromForm) } }],
        },
      ],
    },
  };
}

/** The first `to` entry's only rule: MeshTCPRoute allows one rule per entry (schema `maxItems: 1`). */
export function tcpRouteToForm(route: MeshTCPRoute): TcpRouteForm {
  const rule = route.spec.to?.[0]?.rules?.[0];
  return {
    name: route.name,
    targetTags: rowsFromTags(route.spec.targetRef?.tags),
    backends: (rule?.default.backendRefs ?? []).map(backendToForm),
  };
}

/** Whether `route` targets MeshGateway `gateway` (the dependents of a gateway). */
export function targetsGateway(
  route: { spec: { targetRef?: TargetRef } },
  gateway: string,
): boolean {
  return route.spec.targetRef?.kind === 'MeshGateway' && route.spec.targetRef.name === gateway;
}
