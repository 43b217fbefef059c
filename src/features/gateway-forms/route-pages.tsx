/**
 * The route screens: add a route to a built-in gateway (HTTP or TCP, picked on the page), or
 * edit one; each waits for the gateway, the mesh and the stored route, then renders its form.
 */

import { useQuery } from '@tanstack/react-query';
import { useLocation, useParams, useSearchParams } from 'react-router';
import {
  formMeshQuery,
  storedHttpRouteQuery,
  storedMeshGatewayQuery,
  storedTcpRouteQuery,
} from '../../kuma/mutations/form-queries';
import type { MeshGateway } from '../../kuma/types';
import { builtinGatewayPath, meshPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { DeleteResourceButton } from './delete';
import { Loaded, NoBuiltinGateways } from './loaded';
import { FormBreadcrumbs } from './page-parts';
import { ROUTE_TYPES, RouteForm, type RouteKind } from './route-form';

function parseRouteKind(value: string | null | undefined): RouteKind {
  return value === 'tcp' || value === 'MeshTCPRoute' ? 'tcp' : 'http';
}

function RouteKindPicker({
  kind,
  onChange,
}: {
  kind: RouteKind;
  onChange: (kind: RouteKind) => void;
}) {
  return (
    <fieldset className="gwf-kind" data-testid="route-kind">
      <legend>Kind of route</legend>
      <label className="checkbox">
        <input
          type="radio"
          name="route-kind"
          value="http"
          checked={kind === 'http'}
          onChange={() => onChange('http')}
        />
        MeshHTTPRoute, for HTTP and HTTPS listeners
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name="route-kind"
          value="tcp"
          checked={kind === 'tcp'}
          onChange={() => onChange('tcp')}
        />
        MeshTCPRoute, for TCP and TLS listeners
      </label>
    </fieldset>
  );
}

export function RoutePage({ mode }: { mode: 'create' | 'edit' }) {
  const { mesh = '', name = '', kind: kindParam, route = '' } = useParams();
  const api = useKumaApi();
  const [params, setParams] = useSearchParams();
  // Each visit gets a fresh form: "Add another route" links to the address it is shown on.
  const visit = useLocation().key;
  const kind = parseRouteKind(mode === 'create' ? params.get('kind') : kindParam);
  const type = ROUTE_TYPES[kind];
  const enabled = api.caps.builtinGateways;
  const gateway = useQuery({ ...storedMeshGatewayQuery(api, mesh, name), enabled });
  const meshQuery = useQuery({ ...formMeshQuery(api, mesh), enabled });
  const http = useQuery({
    ...storedHttpRouteQuery(api, mesh, route),
    enabled: enabled && mode === 'edit' && kind === 'http',
  });
  const tcp = useQuery({
    ...storedTcpRouteQuery(api, mesh, route),
    enabled: enabled && mode === 'edit' && kind === 'tcp',
  });
  const gatewayPath = builtinGatewayPath(mesh, name);
  const editProps = (meshGateway: MeshGateway) =>
    ({
      mode: 'edit',
      mesh,
      gateway: meshGateway,
      secondaryActions: (
        <DeleteResourceButton mesh={mesh} type={type} name={route} afterDelete={gatewayPath} />
      ),
    }) as const;
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: name, to: gatewayPath },
          { label: mode === 'create' ? 'Add route' : `${route}` },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">
          {mode === 'create' ? `Add a route to ${name}` : `Edit ${type} ${route}`}
        </h1>
        <span className="muted gw-name">mesh {mesh}</span>
      </div>
      {!enabled ? (
        <NoBuiltinGateways />
      ) : (
        <Loaded query={gateway} what={`MeshGateway “${name}” in mesh “${mesh}”`}>
          {(meshGateway) => (
            <Loaded query={meshQuery} what={`mesh “${mesh}”`}>
              {() =>
                mode === 'create' ? (
                  <>
                    <RouteKindPicker
                      kind={kind}
                      onChange={(next) =>
                        setParams(
                          (current) => {
                            const updated = new URLSearchParams(current);
                            updated.set('kind', next);
                            return updated;
                          },
                          { replace: true },
                        )
                      }
                    />
                    <RouteForm
                      key={`${kind}:${visit}`}
                      mode="create"
                      kind={kind}
                      mesh={mesh}
                      gateway={meshGateway}
                    />
                  </>
                ) : kind === 'http' ? (
                  <Loaded query={http} what={`${type} “${route}” in mesh “${mesh}”`}>
                    {(stored) => (
                      <RouteForm {...editProps(meshGateway)} kind="http" stored={stored} />
                    )}
                  </Loaded>
                ) : (
                  <Loaded query={tcp} what={`${type} “${route}” in mesh “${mesh}”`}>
                    {(stored) => (
                      <RouteForm {...editProps(meshGateway)} kind="tcp" stored={stored} />
                    )}
                  </Loaded>
                )
              }
            </Loaded>
          )}
        </Loaded>
      )}
    </>
  );
}

export function CreateRoutePage() {
  return <RoutePage mode="create" />;
}

export function EditRoutePage() {
  return <RoutePage mode="edit" />;
}
