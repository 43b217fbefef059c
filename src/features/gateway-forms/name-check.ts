/**
 * Is the name a create form is about to use free? kuma-cp's PUT (`createOrUpdateResource` in
 * `pkg/api-server/resource_endpoints.go`, v2.14.3) looks the resource up by its type's
 * descriptor and `store.GetByKey(name, mesh)`: a clash is the same type, mesh and name, so a
 * MeshGateway and a Dataplane may share a name, two MeshGateways in one mesh may not, and a PUT
 * to a taken name is an update that silently replaces what is there. The form asks the control plane for that one resource while
 * the user types: 404 is free, a resource is taken, anything else is "could not check".
 */

import { KumaApiError } from '../../kuma/client';
import type { Resource } from '../../kuma/mutations/resource-version';
import type { WriteItem } from '../../kuma/mutations/writes';
import {
  dataplanePath,
  editDelegatedDataplanePath,
  editGatewayPath,
  editPermissionPath,
  editRoutePath,
  meshPath,
} from '../../lib/paths';
import type { FormIssue } from './field-paths';

/** One resource a form would create, and the form field its name comes from. */
export interface NameTarget {
  path: string;
  type: string;
  mesh: string;
  name: string;
  field: string;
}

export type NameState =
  | { kind: 'free' }
  | { kind: 'taken'; existing: Resource }
  | { kind: 'unknown'; reason: string };

/**
 * The items a save would create: no stored version to compare with (neither opened on one nor
 * written by this form already), with a name, and a name the form itself does not reject (a
 * malformed name would be a 400 whatever is stored).
 */
export function nameTargets(
  items: readonly WriteItem[],
  bases: Readonly<Record<string, unknown>>,
  errors: readonly FormIssue[],
): NameTarget[] {
  const targets: NameTarget[] = [];
  for (const item of items) {
    const { type, name, mesh } = item.resource;
    if (!name || bases[item.path] !== undefined) continue;
    const field = item.toField('name', '');
    if (errors.some((issue) => issue.field === field && issue.severity === 'error')) continue;
    targets.push({ path: item.path, type, mesh: mesh ?? '', name, field });
  }
  return targets;
}

/** The answer to `GET <path>`, as a name check reads it. */
export function nameStateOf(result: { data?: unknown; error?: unknown }): NameState {
  if (result.error !== undefined && result.error !== null) {
    if (result.error instanceof KumaApiError && result.error.status === 404)
      return { kind: 'free' };
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    return { kind: 'unknown', reason };
  }
  return { kind: 'taken', existing: result.data as Resource };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Where the user can look at or edit a resource that holds the name: its own form when there
 * is one, else its page; undefined for kinds the dashboard has no page for.
 */
export function existingResourceLink(resource: Resource): string | undefined {
  const { type, mesh, name } = resource;
  if (!mesh || !name) return undefined;
  switch (type) {
    case 'MeshGateway':
      return editGatewayPath(mesh, name);
    case 'MeshTrafficPermission':
      return editPermissionPath(mesh, name);
    case 'MeshHTTPRoute':
    case 'MeshTCPRoute': {
      const targetRef = record(record((resource as { spec?: unknown }).spec)?.targetRef);
      const kind = type === 'MeshTCPRoute' ? 'tcp' : 'http';
      // A route edited here is one on a built-in gateway; others have no form to send to.
      if (targetRef?.kind === 'MeshGateway' && typeof targetRef.name === 'string') {
        return editRoutePath(mesh, targetRef.name, kind, name);
      }
      return meshPath(mesh);
    }
    case 'Dataplane': {
      const gateway = record(
        record(record((resource as { networking?: unknown }).networking)?.gateway),
      );
      const service = record(gateway?.tags)?.['kuma.io/service'];
      // A delegated gateway's Dataplane has no `type` in protojson (DELEGATED is the zero value).
      if (
        gateway &&
        (gateway.type === undefined || gateway.type === 'DELEGATED') &&
        typeof service === 'string'
      ) {
        return editDelegatedDataplanePath(mesh, service, name);
      }
      return dataplanePath({ mesh, name });
    }
    default:
      return undefined;
  }
}

/** The message at the name field for one checked target; undefined while free or pending. */
export function nameIssue(target: NameTarget, state: NameState | undefined): FormIssue | undefined {
  if (!state || state.kind === 'free') return undefined;
  if (state.kind === 'unknown') {
    return {
      field: target.field,
      severity: 'warning',
      message: `Could not check whether ${target.type} "${target.name}" already exists: ${state.reason}`,
    };
  }
  const link = existingResourceLink(state.existing);
  return {
    field: target.field,
    severity: 'error',
    message: `${target.type} "${target.name}" already exists in mesh "${target.mesh}": choose another name, or edit the existing one.`,
    ...(link ? { link: { to: link, label: `Open ${target.type} ${target.name}` } } : {}),
  };
}

/**
 * A create that lost a race: the check right before the PUT, or the re-read after it, found a
 * resource the form had no version of. Said as such, never offered as an overwrite.
 */
export function createdMeanwhile(conflict: {
  item: WriteItem;
  current: Resource | undefined;
}): boolean {
  return conflict.item.base === undefined && conflict.current !== undefined;
}

export function createdMeanwhileText(conflict: {
  item: WriteItem;
  current: Resource | undefined;
}): {
  message: string;
  link?: string;
} {
  const { type, name, mesh } = conflict.item.resource;
  const link = conflict.current ? existingResourceLink(conflict.current) : undefined;
  return {
    message: `${type} "${name}" was created meanwhile by someone else in mesh "${mesh ?? ''}": what is stored under that name is theirs, not yours. Choose another name, or open theirs.`,
    ...(link ? { link } : {}),
  };
}
