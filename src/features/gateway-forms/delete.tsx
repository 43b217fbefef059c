/**
 * Delete a gateway or a route, after a confirmation that names what depends on it: the routes
 * targeting a built-in gateway, the Dataplanes of a delegated one. A read-only control plane
 * gets the commands instead.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDeleteMutation } from '../../kuma/mutations/use-writes';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import { meshRoutesQuery } from '../../kuma/queries/gateways';
import { gatewayListPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { LoadingState } from '../../ui/states';
import { ConfirmDialog } from './dialog';
import { systemNamespaceOf } from './model';
import { PreviewBlock } from './preview';
import { deleteCommand } from './resource-text';
import { targetsGateway } from './route-convert';

export interface DeleteTarget {
  type: string;
  mesh: string;
  name: string;
}

function targetLabel(target: DeleteTarget): string {
  return `${target.type} ${target.name}`;
}

/**
 * The confirmation itself: lists the resource and its dependents (deleted first), then deletes
 * them in that order on "Delete".
 */
function DeleteDialog({
  title,
  subject,
  mesh,
  targets,
  dependents,
  dependentsIntro,
  loading,
  note,
  afterDelete,
  onClose,
}: {
  title: string;
  /** What the user asked to delete, in words. */
  subject: string;
  mesh: string;
  /** Every resource to delete, in order (dependents first). */
  targets: DeleteTarget[];
  /** The resources to name besides the subject. */
  dependents: DeleteTarget[];
  dependentsIntro: string;
  loading?: boolean;
  note?: ReactNode;
  afterDelete: string;
  onClose: () => void;
}) {
  const api = useKumaApi();
  const deleteMutation = useDeleteMutation(api);
  const navigate = useNavigate();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const all = targets;
  const reasons = [
    ...new Set(all.map((target) => readOnlyReasonFor(api.caps, target.type))),
  ].filter((reason): reason is string => Boolean(reason));
  const tool = api.caps.environment === 'kubernetes' ? 'kubectl' : 'kumactl';
  const namespace = systemNamespaceOf(api.caps.product);
  const confirm = async () => {
    setState({ busy: true });
    const result = await deleteMutation.mutateAsync(
      all.map((target) => resourcePath(api.caps, target)),
    );
    if (result.failure) {
      setState({
        busy: false,
        error: `Could not delete ${result.failure.path}: ${result.failure.message}`,
      });
      return;
    }
    onClose();
    navigate(afterDelete);
  };
  return (
    <ConfirmDialog
      title={title}
      testId="delete-dialog"
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={onClose}>
            Cancel
          </button>
          {reasons.length === 0 && (
            <button
              type="button"
              className="button button--danger"
              disabled={state.busy || loading}
              onClick={() => void confirm()}
            >
              Delete
            </button>
          )}
        </>
      }
    >
      {loading ? (
        <LoadingState label="Looking for what depends on it…" />
      ) : (
        <>
          <p>
            This deletes {subject} from mesh {mesh}.
          </p>
          {dependents.length > 0 && (
            <>
              <p className="muted">{dependentsIntro}</p>
              <ul data-testid="delete-dependents">
                {dependents.map((target) => (
                  <li key={`${target.type}/${target.name}`}>{targetLabel(target)}</li>
                ))}
              </ul>
            </>
          )}
          {note}
          {reasons.length > 0 && (
            <div className="banner banner--warning" data-testid="delete-read-only">
              {reasons.map((reason) => (
                <p key={reason}>{reason}</p>
              ))}
              <PreviewBlock
                label={`Delete with ${tool}`}
                text={`${all.map((target) => deleteCommand(tool, target, namespace)).join('\n')}\n`}
                testId="delete-command"
              />
            </div>
          )}
          {state.error && (
            <p className="gwf-error" role="alert">
              {state.error}
            </p>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}

function DeleteButton({
  label,
  children,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && children(() => setOpen(false))}
    </>
  );
}

function BuiltinGatewayDeleteDialog({
  mesh,
  name,
  onClose,
}: {
  mesh: string;
  name: string;
  onClose: () => void;
}) {
  const api = useKumaApi();
  const routes = useQuery(meshRoutesQuery(api, mesh));
  const dependents: DeleteTarget[] = [
    ...(routes.data?.http ?? []).filter((route) => targetsGateway(route, name)),
    ...(routes.data?.tcp ?? []).filter((route) => targetsGateway(route, name)),
  ].map((route) => ({ type: route.type, mesh, name: route.name }));
  return (
    <DeleteDialog
      title={`Delete gateway ${name}?`}
      subject={`MeshGateway ${name}`}
      mesh={mesh}
      targets={[...dependents, { type: 'MeshGateway', mesh, name }]}
      dependents={dependents}
      dependentsIntro="These routes target it, so they are deleted with it:"
      loading={routes.isPending}
      note={
        <p className="muted">
          Its gateway Dataplanes (or MeshGatewayInstance) stay: without a MeshGateway they serve no
          listener.
        </p>
      }
      afterDelete={gatewayListPath({ mesh })}
      onClose={onClose}
    />
  );
}

export function DeleteBuiltinGatewayButton({ mesh, name }: { mesh: string; name: string }) {
  return (
    <DeleteButton label="Delete">
      {(close) => <BuiltinGatewayDeleteDialog mesh={mesh} name={name} onClose={close} />}
    </DeleteButton>
  );
}

export function DeleteDelegatedGatewayButton({
  mesh,
  service,
  dataplanes,
}: {
  mesh: string;
  service: string;
  dataplanes: readonly string[];
}) {
  if (dataplanes.length === 0) return null;
  const targets = dataplanes.map((name) => ({ type: 'Dataplane', mesh, name }));
  return (
    <DeleteButton label="Delete">
      {(close) => (
        <DeleteDialog
          title={`Delete delegated gateway ${service}?`}
          subject={`delegated gateway ${service}`}
          mesh={mesh}
          targets={targets}
          dependents={targets}
          dependentsIntro="It is these Dataplanes, all deleted:"
          note={
            <p className="muted">
              The proxies beside them keep running outside the mesh until you stop them.
            </p>
          }
          afterDelete={gatewayListPath({ mesh })}
          onClose={close}
        />
      )}
    </DeleteButton>
  );
}

/** Delete one resource nothing else depends on (a route, one Dataplane of a delegated gateway). */
export function DeleteResourceButton({
  mesh,
  type,
  name,
  afterDelete,
}: {
  mesh: string;
  type: string;
  name: string;
  afterDelete: string;
}) {
  return (
    <DeleteButton label="Delete">
      {(close) => (
        <DeleteDialog
          title={`Delete ${type} ${name}?`}
          subject={`${type} ${name}`}
          mesh={mesh}
          targets={[{ type, mesh, name }]}
          dependents={[]}
          dependentsIntro=""
          afterDelete={afterDelete}
          onClose={close}
        />
      )}
    </DeleteButton>
  );
}
