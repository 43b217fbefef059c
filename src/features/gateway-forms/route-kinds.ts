/**
 * The two kinds of route the route form writes, as one discriminated description each: how a
 * stored route becomes form values and back, which checks and field paths apply, and where its
 * backends are. The form is written once, generic over the description, so nothing is cast.
 */
import type { Capabilities } from '../../kuma/capabilities';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import type { MeshHTTPRoute, MeshTCPRoute, ResourceMeta } from '../../kuma/types';
import { checkHttpRouteForm, checkTcpRouteForm, type FormCheck } from './checks';
import { httpRouteField, tcpRouteField } from './field-paths';
import {
  type BackendForm,
  type BackendRefChoice,
  emptyHttpRouteForm,
  emptyTcpRouteForm,
  type FormContext,
  type HttpRouteForm,
  type TcpRouteForm,
} from './model';
import type { Evaluation } from './resource-form';
import { httpRouteToForm, type RouteMeta, tcpRouteToForm } from './route-convert';
import { kubernetesObject } from './yaml-output';

export type RouteKind = 'http' | 'tcp';

export const ROUTE_TYPES = {
  http: 'MeshHTTPRoute',
  tcp: 'MeshTCPRoute',
} as const satisfies Record<RouteKind, string>;

export interface RouteSpec<K extends RouteKind, Values, Route extends ResourceMeta> {
  kind: K;
  type: (typeof ROUTE_TYPES)[K];
  empty: (choice?: BackendRefChoice) => Values;
  toForm: (route: Route) => Values;
  /** Whether a resource (from YAML mode, or the store) is this kind of route. */
  isRoute: (resource: { type?: unknown } | undefined) => resource is Route;
  check: (
    values: Values,
    ctx: FormContext,
    meta: RouteMeta,
    options: { isNew: boolean },
  ) => FormCheck<{ route: Route }>;
  field: (path: string, message: string, values: Values) => string;
  /** Every backend of the route, for the backend kinds to offer. */
  backendsOf: (values: Values) => BackendForm[];
}

export type HttpRouteSpec = RouteSpec<'http', HttpRouteForm, MeshHTTPRoute>;
export type TcpRouteSpec = RouteSpec<'tcp', TcpRouteForm, MeshTCPRoute>;

export const HTTP_ROUTE: HttpRouteSpec = {
  kind: 'http',
  type: ROUTE_TYPES.http,
  empty: emptyHttpRouteForm,
  toForm: httpRouteToForm,
  isRoute: (resource): resource is MeshHTTPRoute => resource?.type === ROUTE_TYPES.http,
  check: checkHttpRouteForm,
  field: httpRouteField,
  backendsOf: (values) =>
    values.entries.flatMap((entry) => entry.rules.flatMap((rule) => rule.backends)),
};

export const TCP_ROUTE: TcpRouteSpec = {
  kind: 'tcp',
  type: ROUTE_TYPES.tcp,
  empty: emptyTcpRouteForm,
  toForm: tcpRouteToForm,
  isRoute: (resource): resource is MeshTCPRoute => resource?.type === ROUTE_TYPES.tcp,
  check: checkTcpRouteForm,
  field: tcpRouteField,
  backendsOf: (values) => values.backends,
};

const CHOICES: readonly BackendRefChoice[] = [
  'MeshService',
  'service',
  'MeshServiceSubset',
  'MeshExternalService',
  'MeshMultiZoneService',
];

function isBackendChoice(value: string): value is BackendRefChoice {
  return (CHOICES as readonly string[]).includes(value);
}

/**
 * Backend kinds to offer: a MeshService resource where MeshServices exist (2.9+, mode not
 * Disabled); a `kuma.io/service` tag unless the mesh is Exclusive (§1.6).
 */
export function backendChoices(
  caps: Capabilities,
  ctx: FormContext,
  current: readonly string[] = [],
): BackendRefChoice[] {
  const mode = ctx.meshResource?.meshServices?.mode ?? 'Disabled';
  const choices: BackendRefChoice[] = [];
  if (caps.meshServices && mode !== 'Disabled') choices.push('MeshService');
  if (mode !== 'Exclusive') choices.push('service');
  for (const value of current) {
    if (isBackendChoice(value) && !choices.includes(value)) choices.push(value);
  }
  return choices.length > 0 ? choices : ['service'];
}

export function evaluateRoute<K extends RouteKind, Values, Route extends ResourceMeta>(
  spec: RouteSpec<K, Values, Route>,
  values: Values,
  ctx: FormContext,
  caps: Capabilities,
  meta: RouteMeta,
  isNew: boolean,
): Evaluation {
  const check = spec.check(values, ctx, meta, { isNew });
  const route = check.resources.route;
  return {
    errors: check.errors,
    warnings: check.warnings,
    items: [
      {
        resource: route,
        label: `${spec.type} ${route.name}`,
        path: resourcePath(caps, route),
        readOnlyReason: readOnlyReasonFor(caps, spec.type),
        toField: (path, message) => spec.field(path, message, values),
      },
    ],
    universal: [route],
    kubernetes: [kubernetesObject(route, ctx.systemNamespace)],
  };
}
