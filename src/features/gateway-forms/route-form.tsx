/**
 * Routes attached to a built-in gateway: a MeshHTTPRoute (hostnames, rules with path, method,
 * header and query matches, weighted backends) or a MeshTCPRoute (weighted backends), attached to
 * the listeners picked from the gateway's own. The kind is a discriminated prop: each kind's
 * form is the one generic `KindRouteForm` over its `RouteSpec` (route-kinds.ts).
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Link } from 'react-router';
import { displayNameOf } from '../../kuma/display-name';
import { formMeshQuery } from '../../kuma/mutations/form-queries';
import { resourcePath } from '../../kuma/mutations/writes';
import { meshServicesQuery } from '../../kuma/queries/services';
import type { MeshGateway, MeshHTTPRoute, MeshTCPRoute, ResourceMeta } from '../../kuma/types';
import { builtinGatewayPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { draftKey } from './drafts';
import { TextField } from './fields';
import { HttpFields } from './http-route-fields';
import { type BackendRefChoice, type FormContext, formContext, type TagRow } from './model';
import { Section } from './page-parts';
import { ResourceForm } from './resource-form';
import type { RouteMeta } from './route-convert';
import {
  BackendRows,
  ListenerPicker,
  ServiceLists,
  type ServiceOptions,
  serviceOptions,
} from './route-fields';
import {
  backendChoices,
  evaluateRoute,
  HTTP_ROUTE,
  type RouteKind,
  type RouteSpec,
  TCP_ROUTE,
} from './route-kinds';
import type { YamlModeOptions } from './yaml-mode';

export { ROUTE_TYPES, type RouteKind } from './route-kinds';

interface CommonProps {
  mode: 'create' | 'edit';
  mesh: string;
  gateway: MeshGateway;
  secondaryActions?: ReactNode;
}

/** The route form of one kind: its kind and the stored route (when editing) go together. */
export type RouteFormProps = CommonProps &
  ({ kind: 'http'; stored?: MeshHTTPRoute } | { kind: 'tcp'; stored?: MeshTCPRoute });

export function RouteForm(props: RouteFormProps) {
  if (props.kind === 'http') {
    return (
      <KindRouteForm
        {...props}
        spec={HTTP_ROUTE}
        fields={(values, shared) => <HttpFields values={values} {...shared} />}
      />
    );
  }
  return (
    <KindRouteForm
      {...props}
      spec={TCP_ROUTE}
      fields={(values, shared) => (
        <Section title="Backends" testId="route-backends">
          <BackendRows name="backends" backends={values.backends} {...shared} />
        </Section>
      )}
    />
  );
}

interface SharedFieldProps {
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}

function KindRouteForm<
  K extends RouteKind,
  Values extends FieldValues & { targetTags: TagRow[] },
  Route extends ResourceMeta,
>({
  mode,
  mesh,
  gateway,
  stored,
  secondaryActions,
  spec,
  fields,
}: CommonProps & {
  stored?: Route;
  spec: RouteSpec<K, Values, Route>;
  fields: (values: Values, shared: SharedFieldProps) => ReactNode;
}) {
  const api = useKumaApi();
  const { caps } = api;
  // The page waits for the mesh: its meshServices mode decides the default backend kind.
  const meshQuery = useQuery(formMeshQuery(api, mesh));
  const servicesQuery = useQuery(meshServicesQuery(api, mesh));
  const ctx = useMemo(() => formContext(caps, mesh, meshQuery.data), [caps, mesh, meshQuery.data]);
  const services = useMemo(() => serviceOptions(servicesQuery.data), [servicesQuery.data]);
  const { type, kind } = spec;
  const defaultChoice = backendChoices(caps, ctx)[0];
  const initial = useMemo(
    () => (stored ? spec.toForm(stored) : spec.empty(defaultChoice)),
    [stored, spec, defaultChoice],
  );
  const meta = useMemo<RouteMeta>(
    () => ({
      mesh,
      // kuma-cp matches a targetRef against the display name: a gateway the global synced to
      // this zone is stored hashed but referred to by the name it was written with.
      gateway: displayNameOf(gateway),
      labels: stored?.labels ?? (caps.federatedZone ? { 'kuma.io/origin': 'zone' } : undefined),
    }),
    [mesh, gateway, stored, caps.federatedZone],
  );
  const evaluate = useCallback(
    (values: Values) => evaluateRoute(spec, values, ctx, caps, meta, mode === 'create'),
    [spec, ctx, caps, meta, mode],
  );
  const storedEntries = useMemo(
    () => (stored ? [{ path: resourcePath(caps, stored), resource: stored }] : undefined),
    [stored, caps],
  );
  const gatewayPath = builtinGatewayPath(mesh, gateway.name);
  const yaml = useMemo<YamlModeOptions<Values>>(
    () => ({
      kinds: [type],
      ctx,
      storedName: stored?.name,
      toValues: ([route]) => (spec.isRoute(route) ? spec.toForm(route) : undefined),
    }),
    [type, ctx, stored, spec],
  );
  return (
    <ResourceForm<Values>
      yaml={yaml}
      mode={mode}
      label={mode === 'create' ? `Create a ${type}` : `Edit ${type} ${stored?.name}`}
      draftKey={draftKey(caps.identity, mesh, type, stored?.name)}
      initial={initial}
      stored={storedEntries}
      evaluate={evaluate}
      tool={caps.environment === 'kubernetes' ? 'kubectl' : 'kumactl'}
      secondaryActions={secondaryActions}
      success={() => (
        <p className="gwf-success__links">
          <Link to={gatewayPath}>Open gateway {gateway.name}</Link>
          {' · '}
          <Link to={`${gatewayPath}/routes/new?kind=${kind}`}>Add another route</Link>
        </p>
      )}
    >
      {(values) => {
        const currentKinds = spec.backendsOf(values).map((backend) => backend.ref);
        const choices = backendChoices(caps, ctx, currentKinds);
        return (
          <>
            <ServiceLists options={services} />
            <Section title={type}>
              <div className="gwf-grid">
                <TextField
                  name="name"
                  label="Name"
                  readOnly={mode === 'edit'}
                  hint={mode === 'edit' ? 'A stored resource keeps its name.' : undefined}
                />
                <div className="gwf-field">
                  <span className="gwf-static-label">Gateway</span>
                  <Link to={gatewayPath}>{gateway.name}</Link>
                </div>
              </div>
              <ListenerPicker gateway={gateway} kind={kind} targetTags={values.targetTags} />
            </Section>
            {fields(values, { choices, services, ctx })}
          </>
        );
      }}
    </ResourceForm>
  );
}
