/**
 * Links and buttons the gateway screens show to reach the forms: create, edit, add a route,
 * delete. Small on purpose: the forms themselves load with their own routes.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import {
  builtinGatewayPath,
  editDelegatedDataplanePath,
  editGatewayPath,
  editPermissionPath,
  editRoutePath,
  newGatewayPath,
  newPermissionPath,
  newRoutePath,
} from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { DeleteBuiltinGatewayButton, DeleteDelegatedGatewayButton } from './delete';
import { clearDraft, type DraftEntry, draftsRevision, listDrafts, subscribeDrafts } from './drafts';
import './forms.css';

/** The form a draft was typed in: its own address, else the form its key names. */
export function draftFormPath(draft: DraftEntry): string | undefined {
  if (draft.at) return draft.at;
  if (draft.name === undefined) {
    if (draft.type === 'MeshGateway') return newGatewayPath({ kind: 'builtin', mesh: draft.mesh });
    if (draft.type === 'Dataplane') return newGatewayPath({ kind: 'delegated', mesh: draft.mesh });
    return undefined;
  }
  if (draft.type === 'MeshTrafficPermission') {
    return draft.name === undefined
      ? newPermissionPath(draft.mesh)
      : editPermissionPath(draft.mesh, draft.name);
  }
  return draft.type === 'MeshGateway' ? editGatewayPath(draft.mesh, draft.name) : undefined;
}

/** What a draft is, in a sentence's words: "new MeshGateway edge-2", "MeshGateway edge (edit)". */
export function draftTitle(draft: DraftEntry): string {
  if (draft.name !== undefined) return `${draft.type} ${draft.name} (changes)`;
  if (draft.fix) {
    const allow = `allow ${draft.fix.source} → ${draft.fix.service}`;
    return draft.typedName
      ? `new ${draft.type} ${draft.typedName} (${allow})`
      : `new ${draft.type} (${allow})`;
  }
  return draft.typedName ? `new ${draft.type} ${draft.typedName}` : `new ${draft.type}`;
}

function draftTime(draft: DraftEntry): string {
  const date = new Date(draft.savedAt);
  return Number.isNaN(date.getTime()) ? draft.savedAt : date.toLocaleString();
}

/** The control plane's drafts, read again whenever one changes here or in another tab. */
function useDrafts(): { drafts: DraftEntry[]; discard: (draft: DraftEntry) => void } {
  const { caps } = useKumaApi();
  // Subscribed so that a change here or in another tab renders again; the list itself is read
  // on every render (at most 50 small entries from local storage).
  useSyncExternalStore(subscribeDrafts, draftsRevision, draftsRevision);
  const drafts = listDrafts(caps.identity);
  const discard = useCallback((draft: DraftEntry) => clearDraft(draft.key), []);
  return { drafts, discard };
}

/** "Draft from <time> — Restore / Discard" for one draft, beside the way into its form. */
export function DraftOffer({
  draft,
  onDiscard,
  withTitle = false,
}: {
  draft: DraftEntry;
  onDiscard: (draft: DraftEntry) => void;
  withTitle?: boolean;
}) {
  const path = draftFormPath(draft);
  const title = draftTitle(draft);
  return (
    <span className="gwf-draft-offer" data-testid="draft-offer" data-draft-key={draft.key}>
      {withTitle && (
        <>
          <strong className="gw-name">{title}</strong> in mesh{' '}
          <span className="gw-name">{draft.mesh}</span>:{' '}
        </>
      )}
      Draft from {draftTime(draft)} —{' '}
      {path && (
        <Link className="button button--small" to={path} aria-label={`Restore draft: ${title}`}>
          Restore
        </Link>
      )}{' '}
      <button
        type="button"
        className="button button--small button--ghost"
        aria-label={`Discard draft: ${title}`}
        onClick={() => onDiscard(draft)}
      >
        Discard
      </button>
    </span>
  );
}

/**
 * What the gateway list offers: gateways, their routes and Dataplanes, and the permissions a
 * gateway's "Fix: allow" link opened (a denied gateway's fix is gateway work left unsaved).
 */
const GATEWAY_FORM_TYPES = [
  'MeshGateway',
  'Dataplane',
  'MeshHTTPRoute',
  'MeshTCPRoute',
  'MeshTrafficPermission',
];

/**
 * The user's unsaved drafts (from any tab), on the gateway list: one mesh's when the list is
 * filtered to it, else every mesh's; `types` narrows them (the Permissions page shows its own).
 * Nothing when there are none.
 */
export function DraftList({
  mesh,
  types = GATEWAY_FORM_TYPES,
}: {
  mesh?: string;
  types?: readonly string[];
}) {
  const { drafts, discard } = useDrafts();
  const shown = drafts.filter(
    (draft) => types.includes(draft.type) && (!mesh || draft.mesh === mesh),
  );
  if (shown.length === 0) return null;
  return (
    <section
      className="card gwf-draft-list"
      aria-labelledby="gwf-draft-list-heading"
      data-testid="draft-list"
    >
      <h2 id="gwf-draft-list-heading">
        Unsaved draft{shown.length === 1 ? '' : 's'}
        {mesh ? ` in mesh ${mesh}` : ''}
      </h2>
      <ul>
        {shown.map((draft) => (
          <li key={draft.key}>
            <DraftOffer draft={draft} onDiscard={discard} withTitle />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CreateGatewayLink({ mesh }: { mesh?: string }) {
  return (
    <Link className="button button--primary" to={newGatewayPath({ mesh })}>
      Create gateway
    </Link>
  );
}

/** Edit, Add route and Delete for a built-in gateway. */
export function BuiltinGatewayActions({ mesh, name }: { mesh: string; name: string }) {
  const { caps } = useKumaApi();
  const { drafts, discard } = useDrafts();
  if (!caps.builtinGateways) return null;
  const gatewayPath = builtinGatewayPath(mesh, name);
  // This gateway's own edit, and route forms opened from it (their address starts with its own).
  const mine = drafts.filter(
    (draft) =>
      draft.mesh === mesh &&
      ((draft.type === 'MeshGateway' && draft.name === name) ||
        (draft.type !== 'MeshGateway' && draft.at?.startsWith(`${gatewayPath}/`))),
  );
  return (
    <>
      <div className="gwf-entry-actions" data-testid="gateway-actions">
        <Link className="button" to={editGatewayPath(mesh, name)}>
          Edit
        </Link>
        <Link className="button" to={newRoutePath(mesh, name)}>
          Add route
        </Link>
        <DeleteBuiltinGatewayButton mesh={mesh} name={name} />
      </div>
      {mine.length > 0 && (
        <ul className="gwf-draft-offers" aria-label="Unsaved drafts">
          {mine.map((draft) => (
            <li key={draft.key}>
              <DraftOffer draft={draft} onDiscard={discard} withTitle />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function RouteEditLink({
  mesh,
  gateway,
  type,
  name,
}: {
  mesh: string;
  gateway: string;
  type: string;
  name: string;
}) {
  return (
    <Link
      className="button button--small"
      to={editRoutePath(mesh, gateway, type === 'MeshTCPRoute' ? 'tcp' : 'http', name)}
      aria-label={`Edit ${type} ${name}`}
    >
      Edit
    </Link>
  );
}

/** Add an instance, edit one of its Dataplanes, or delete a delegated gateway (Universal). */
export function DelegatedGatewayActions({
  mesh,
  service,
  dataplanes,
}: {
  mesh: string;
  service: string;
  dataplanes: readonly string[];
}) {
  const { caps } = useKumaApi();
  const { drafts, discard } = useDrafts();
  const mine = drafts.filter(
    (draft) =>
      draft.mesh === mesh &&
      draft.type === 'Dataplane' &&
      draft.name !== undefined &&
      dataplanes.includes(draft.name),
  );
  if (caps.environment === 'kubernetes') {
    return (
      <div className="gwf-entry-actions" data-testid="gateway-actions">
        <Link className="button" to={newGatewayPath({ kind: 'delegated', mesh })}>
          Kong Helm values
        </Link>
      </div>
    );
  }
  return (
    <div className="gwf-entry-actions" data-testid="gateway-actions">
      <Link className="button" to={newGatewayPath({ kind: 'delegated', mesh, service })}>
        Add instance
      </Link>
      {dataplanes.map((dataplane) => (
        <Link
          key={dataplane}
          className="button"
          to={editDelegatedDataplanePath(mesh, service, dataplane)}
          aria-label={`Edit Dataplane ${dataplane}`}
        >
          Edit {dataplanes.length > 1 ? dataplane : ''}
        </Link>
      ))}
      <DeleteDelegatedGatewayButton mesh={mesh} service={service} dataplanes={dataplanes} />
      {mine.length > 0 && (
        <ul className="gwf-draft-offers" aria-label="Unsaved drafts">
          {mine.map((draft) => (
            <li key={draft.key}>
              <DraftOffer draft={draft} onDiscard={discard} withTitle />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
