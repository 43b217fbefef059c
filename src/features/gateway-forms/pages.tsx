/**
 * The form screens: create a gateway, edit a built-in gateway, edit a delegated gateway's
 * Dataplane (and, from route-pages.tsx, add or edit a route: the route table loads them all
 * from here). Each waits for what it is opened on, then renders its form.
 */

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { storedDataplaneQuery, storedMeshGatewayQuery } from '../../kuma/mutations/form-queries';
import { builtinGatewayQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import {
  builtinGatewayPath,
  delegatedGatewayPath,
  gatewayListPath,
  meshPath,
} from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { EmptyState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { BuiltinGatewayForm } from './builtin-gateway-form';
import { DelegatedGatewayForm, DelegatedKubernetesGuide } from './delegated-gateway-form';
import { DeleteBuiltinGatewayButton, DeleteResourceButton } from './delete';
import { draftKey, latestCreateDraft, listDrafts } from './drafts';
import { Loaded, NoBuiltinGateways } from './loaded';
import { FormBreadcrumbs, MeshPicker } from './page-parts';

export { CreateRoutePage, EditRoutePage } from './route-pages';

type GatewayKindChoice = 'builtin' | 'delegated';

export function CreateGatewayPage() {
  const api = useKumaApi();
  const { caps } = api;
  const [params, setParams] = useSearchParams();
  const meshes = useQuery(meshListQuery(api));
  const meshNames = (meshes.data ?? []).map((entry) => entry.mesh.name);
  // Without a mesh in the address (Create on all meshes, the palette, a bookmark) the form opens
  // where the user left a draft of a new gateway, not on the first mesh, where it looked lost.
  const kindParam = params.get('kind');
  const draft = params.get('mesh')
    ? undefined
    : latestCreateDraft(
        listDrafts(caps.identity),
        kindParam === 'delegated' || !caps.builtinGateways
          ? ['Dataplane']
          : kindParam === 'builtin'
            ? ['MeshGateway']
            : ['MeshGateway', 'Dataplane'],
        meshNames,
      );
  const kind: GatewayKindChoice =
    caps.builtinGateways &&
    (kindParam ?? (draft?.type === 'Dataplane' ? 'delegated' : 'builtin')) !== 'delegated'
      ? 'builtin'
      : 'delegated';
  const mesh = params.get('mesh') ?? draft?.mesh ?? meshNames[0] ?? '';
  const type = kind === 'builtin' ? 'MeshGateway' : 'Dataplane';
  // The address names the mesh (and kind) the form opened on, so a reload, the draft's own
  // address and the breadcrumbs all lead back to this same form.
  const missingMesh = !params.get('mesh') && mesh !== '';
  useEffect(() => {
    if (!missingMesh) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('mesh', mesh);
        if (caps.builtinGateways) next.set('kind', kind);
        return next;
      },
      { replace: true },
    );
  }, [missingMesh, mesh, kind, caps.builtinGateways, setParams]);
  const update = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const meshPicker = (
    <MeshPicker
      value={mesh}
      onChange={(next) => update('mesh', next)}
      draftKeyFor={(next) => draftKey(caps.identity, next, type, undefined)}
    />
  );
  return (
    <>
      <FormBreadcrumbs
        trail={[
          {
            label: 'Gateways',
            to: gatewayListPath({ mesh }),
          },
          { label: 'Create' },
        ]}
      />
      <div className="page-header">
        <h1>Create a gateway</h1>
      </div>
      {caps.builtinGateways ? (
        <fieldset className="gwf-kind" data-testid="gateway-kind">
          <legend>Kind of gateway</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="gateway-kind"
              value="builtin"
              checked={kind === 'builtin'}
              onChange={() => update('kind', 'builtin')}
            />
            Built-in gateway: Kuma's own Envoy with MeshGateway listeners and routes
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="gateway-kind"
              value="delegated"
              checked={kind === 'delegated'}
              onChange={() => update('kind', 'delegated')}
            />
            Delegated gateway: Kong (or another proxy) beside a kuma-dp
          </label>
        </fieldset>
      ) : (
        <div className="banner banner--info" role="note" data-testid="no-builtin-note">
          {caps.product} {caps.displayVersion} has no built-in gateways (MeshGateway was removed in
          Kuma 3.0): a gateway here is a delegated one.
        </div>
      )}
      {meshes.isPending && !params.get('mesh') ? (
        <LoadingState label="Loading meshes…" />
      ) : mesh === '' ? (
        <EmptyState title="This control plane has no mesh yet.">
          <p className="muted">A gateway belongs to a mesh: create one first.</p>
        </EmptyState>
      ) : kind === 'builtin' ? (
        <BuiltinGatewayForm key={mesh} mode="create" mesh={mesh} meshPicker={meshPicker} />
      ) : caps.environment === 'kubernetes' ? (
        <DelegatedKubernetesGuide key={mesh} mesh={mesh} meshPicker={meshPicker} />
      ) : (
        <DelegatedGatewayForm
          key={mesh}
          mode="create"
          mesh={mesh}
          meshPicker={meshPicker}
          service={params.get('service') ?? undefined}
        />
      )}
    </>
  );
}

export function EditGatewayPage() {
  const { mesh = '', name = '' } = useParams();
  const api = useKumaApi();
  const stored = useQuery({
    ...storedMeshGatewayQuery(api, mesh, name),
    enabled: api.caps.builtinGateways,
  });
  const detail = useQuery({
    ...builtinGatewayQuery(api, mesh, name),
    enabled: api.caps.builtinGateways,
  });
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: name, to: builtinGatewayPath(mesh, name) },
          { label: 'Edit' },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">
          Edit {name} <Pill tone="info">built-in gateway</Pill>
        </h1>
        <span className="muted gw-name">mesh {mesh}</span>
      </div>
      {api.caps.builtinGateways ? (
        <Loaded query={stored} what={`MeshGateway “${name}” in mesh “${mesh}”`}>
          {(gateway) => (
            <BuiltinGatewayForm
              mode="edit"
              mesh={mesh}
              stored={gateway}
              existing={detail.data?.instances}
              secondaryActions={<DeleteBuiltinGatewayButton mesh={mesh} name={name} />}
            />
          )}
        </Loaded>
      ) : (
        <NoBuiltinGateways />
      )}
    </>
  );
}

export function EditDelegatedGatewayPage() {
  const { mesh = '', service = '', name = '' } = useParams();
  const api = useKumaApi();
  const kubernetes = api.caps.environment === 'kubernetes';
  const stored = useQuery({ ...storedDataplaneQuery(api, mesh, name), enabled: !kubernetes });
  const gatewayPath = delegatedGatewayPath(mesh, service);
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: service, to: gatewayPath },
          { label: `Edit ${name}` },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">
          Edit {name} <Pill>delegated gateway {service}</Pill>
        </h1>
        <span className="muted gw-name">mesh {mesh}</span>
      </div>
      {kubernetes ? (
        <>
          <div className="banner banner--info" role="note">
            On Kubernetes this Dataplane is generated from the gateway's pod: change the pod (its
            annotations, labels and Services) instead.
          </div>
          <DelegatedKubernetesGuide mesh={mesh} />
        </>
      ) : (
        <Loaded query={stored} what={`Dataplane “${name}” in mesh “${mesh}”`}>
          {(dataplane) => (
            <DelegatedGatewayForm
              mode="edit"
              mesh={mesh}
              stored={dataplane}
              secondaryActions={
                <DeleteResourceButton
                  mesh={mesh}
                  type="Dataplane"
                  name={name}
                  afterDelete={gatewayPath}
                />
              }
            />
          )}
        </Loaded>
      )}
    </>
  );
}
