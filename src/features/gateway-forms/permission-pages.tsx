/**
 * A mesh's Permissions: the list of its MeshTrafficPermissions (what each targets, whom it
 * allows or denies), Create, and the edit form of each. `/permissions/new?gateway&from&to`
 * is the form a "Fix: allow <gateway> → <service>" link opens, pre-filled.
 */

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { KumaApiError } from '../../kuma/client';
import { displayNameOf } from '../../kuma/display-name';
import {
  formMeshQuery,
  meshPermissionsQuery,
  storedPermissionQuery,
} from '../../kuma/mutations/form-queries';
import type { MeshTrafficPermission } from '../../kuma/types';
import { fixFromSearch } from '../../lib/fix-links';
import { editPermissionPath, meshPath, newPermissionPath, permissionsPath } from '../../lib/paths';
import { describeTargetRef, isMtlsEnabled } from '../../traffic/permissions';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { DeleteResourceButton } from './delete';
import { DraftList } from './entry-points';
import { FormBreadcrumbs } from './page-parts';
import { emptyPermissionForm, permissionFormForFix, permissionToForm } from './permission-convert';
import { PermissionFormView } from './permission-form';

/** One line per caller: "MeshSubset {kuma.io/service: edge-gateway}: Allow". */
export function callersText(policy: MeshTrafficPermission): string[] {
  const spec = policy.spec as { from?: unknown[]; rules?: unknown[] } | undefined;
  const from = (policy.spec?.from ?? []).map(
    (entry) => `${describeTargetRef(entry?.targetRef)}: ${entry?.default?.action ?? '(no action)'}`,
  );
  const rules = (spec?.rules ?? []).map((_, r) => `rules[${r}] (SPIFFE ID / SNI matches)`);
  return [...from, ...rules];
}

const PERMISSION_TYPES = ['MeshTrafficPermission'];

export function PermissionListPage() {
  const { mesh = '' } = useParams();
  const api = useKumaApi();
  const policies = useLiveQuery(meshPermissionsQuery(api, mesh));
  const meshQuery = useQuery(formMeshQuery(api, mesh));
  const sorted = useMemo(
    () => [...(policies.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [policies.data],
  );
  const writable = !api.caps.readOnly && api.caps.writable.MeshTrafficPermission !== false;
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Permissions' },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">Permissions in {mesh}</h1>
        <Link className="button button--primary" to={newPermissionPath(mesh)}>
          {writable ? 'Create a MeshTrafficPermission' : 'Write a MeshTrafficPermission'}
        </Link>
      </div>
      <DraftList mesh={mesh} types={PERMISSION_TYPES} />
      <StaleBanner query={policies} />
      {meshQuery.data && !isMtlsEnabled(meshQuery.data) && (
        <div className="banner banner--info" role="note">
          mTLS is off in mesh {mesh}: MeshTrafficPermissions have no effect until it is enabled.
        </div>
      )}
      {policies.isPending ? (
        <LoadingState label="Loading MeshTrafficPermissions…" />
      ) : policies.data === undefined ? (
        <ErrorState
          title={`Cannot read the MeshTrafficPermissions of mesh “${mesh}”`}
          error={policies.error}
          onRetry={() => void policies.refetch()}
        />
      ) : sorted.length === 0 ? (
        <EmptyState title={`No MeshTrafficPermission in mesh ${mesh}.`}>
          <p className="muted">
            With mTLS on, every request between proxies is denied until one allows it.
          </p>
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="permission-list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Target</th>
                <th scope="col">Callers</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((policy) => (
                <tr key={policy.name}>
                  <td>
                    <Link to={editPermissionPath(mesh, policy.name)}>{displayNameOf(policy)}</Link>
                  </td>
                  <td>{describeTargetRef(policy.spec?.targetRef)}</td>
                  <td>
                    {callersText(policy).map((line, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: callers are positional
                      <div key={i}>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function CreatePermissionPage() {
  const { mesh = '' } = useParams();
  const [params] = useSearchParams();
  // Each visit gets a fresh form, as the route form does.
  const visit = useLocation().key;
  const api = useKumaApi();
  const meshQuery = useQuery(formMeshQuery(api, mesh));
  const fix = useMemo(() => fixFromSearch(mesh, params), [mesh, params]);
  const initial = useMemo(() => (fix ? permissionFormForFix(fix) : emptyPermissionForm()), [fix]);
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Permissions', to: permissionsPath(mesh) },
          { label: 'Create' },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">
          {fix ? `Allow ${fix.gateway} → ${fix.service}` : 'Create a MeshTrafficPermission'}
        </h1>
        <span className="muted gw-name">mesh {mesh}</span>
      </div>
      {meshQuery.isPending ? (
        <LoadingState label={`Loading mesh “${mesh}”…`} />
      ) : meshQuery.data === undefined ? (
        <ErrorState
          title={`Cannot read mesh “${mesh}”`}
          error={meshQuery.error}
          onRetry={() => void meshQuery.refetch()}
        />
      ) : (
        <PermissionFormView
          key={visit}
          mode="create"
          mesh={mesh}
          fix={fix}
          initialValues={initial}
        />
      )}
    </>
  );
}

export function EditPermissionPage() {
  const { mesh = '', name = '' } = useParams();
  const api = useKumaApi();
  const stored = useQuery(storedPermissionQuery(api, mesh, name));
  const initial = useMemo(
    () => (stored.data ? permissionToForm(stored.data) : undefined),
    [stored.data],
  );
  return (
    <>
      <FormBreadcrumbs
        trail={[
          { label: 'Meshes', to: '/meshes' },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Permissions', to: permissionsPath(mesh) },
          { label: name },
        ]}
      />
      <div className="page-header">
        <h1 className="gw-name">Edit MeshTrafficPermission {name}</h1>
        <span className="muted gw-name">mesh {mesh}</span>
      </div>
      {stored.isPending ? (
        <LoadingState label={`Loading MeshTrafficPermission “${name}”…`} />
      ) : stored.data === undefined || initial === undefined ? (
        stored.error instanceof KumaApiError && stored.error.status === 404 ? (
          <EmptyState title={`No MeshTrafficPermission “${name}” in mesh “${mesh}”.`}>
            <p className="muted">It may have been deleted, or the address is wrong.</p>
            <p>
              <Link to={permissionsPath(mesh)}>All permissions in mesh {mesh}</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState
            title={`Cannot read MeshTrafficPermission “${name}”`}
            error={stored.error}
            onRetry={() => void stored.refetch()}
          />
        )
      ) : (
        <PermissionFormView
          mode="edit"
          mesh={mesh}
          stored={stored.data}
          initialValues={initial}
          secondaryActions={
            <DeleteResourceButton
              mesh={mesh}
              type="MeshTrafficPermission"
              name={name}
              afterDelete={permissionsPath(mesh)}
            />
          }
        />
      )}
    </>
  );
}
