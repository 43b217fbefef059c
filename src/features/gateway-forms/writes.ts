/**
 * Writing what a form produced: which resources to PUT (and which this control plane will not
 * take), whether someone changed them since the form was opened, and the PUTs themselves.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Capabilities } from '../../kuma/capabilities';
import { KumaApiError, type KumaClient, pathOf } from '../../kuma/client';
import { type KumaApi, rootKey } from '../../kuma/queries/api';
import { dataplaneKeys } from '../../kuma/queries/dataplanes';
import { gatewayKeys, routeKeys } from '../../kuma/queries/gateways';
import { meshKeys } from '../../kuma/queries/meshes';
import { anyJsonSchema } from '../../kuma/responses';
import type { ResourceMeta } from '../../kuma/types';
import { type BaseVersion, hashText } from './drafts';
import type { FormIssue } from './field-paths';
import { canonicalJson, normalizeStored } from './resource-text';

/** Any stored resource: its meta fields, plus whatever its type carries. */
export type Resource = ResourceMeta;

/** REST path segment per resource type (as `/_resources` reports it for 2.6 – 2.14). */
const PATH_SEGMENT: Record<string, string> = {
  MeshGateway: 'meshgateways',
  MeshHTTPRoute: 'meshhttproutes',
  MeshTCPRoute: 'meshtcproutes',
  Dataplane: 'dataplanes',
};

export function resourcePath(
  caps: Capabilities,
  resource: { type: string; mesh?: string; name: string },
): string {
  const segment =
    caps.paths[resource.type] ?? PATH_SEGMENT[resource.type] ?? resource.type.toLowerCase();
  return resource.mesh
    ? pathOf('meshes', resource.mesh, segment, resource.name)
    : pathOf(segment, resource.name);
}

/** Why `type` cannot be written here, or undefined when it can. */
export function readOnlyReasonFor(caps: Capabilities, type: string): string | undefined {
  if (caps.readOnly) {
    return caps.readOnlyReason ?? 'This control plane does not accept writes.';
  }
  if (caps.writable[type] === false) {
    if (caps.mode === 'global') {
      return `${type} resources are written on the zone control planes, not on the global one.`;
    }
    if (caps.mode === 'zone') {
      return `On a federated zone ${type} resources are written on the global control plane.`;
    }
    return `This control plane marks ${type} as read-only.`;
  }
  return undefined;
}

/** One resource a form writes. */
export interface WriteItem {
  resource: Resource;
  label: string;
  path: string;
  /** The version the form was opened against; undefined for a resource the form creates. */
  base?: BaseVersion;
  readOnlyReason?: string;
  /** Where this resource's `invalid_parameters` land on the form. */
  toField: (path: string, message: string) => string;
}

export function versionOf(resource: Resource): BaseVersion {
  return {
    ...(resource.modificationTime ? { modificationTime: resource.modificationTime } : {}),
    hash: hashText(canonicalJson(normalizeStored(resource))),
  };
}

export function sameVersion(base: BaseVersion, current: Resource): boolean {
  const now = versionOf(current);
  if (
    base.modificationTime &&
    now.modificationTime &&
    base.modificationTime !== now.modificationTime
  ) {
    return false;
  }
  return base.hash === now.hash;
}

export interface Conflict {
  item: WriteItem;
  /** What is stored now; undefined when it was deleted since the form was opened. */
  current: Resource | undefined;
}

async function readCurrent(client: KumaClient, path: string): Promise<Resource | undefined> {
  try {
    return (await client.get(path, anyJsonSchema)) as Resource;
  } catch (error) {
    if (error instanceof KumaApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Re-reads every resource about to be written and reports those that changed meanwhile. */
export async function findConflicts(
  client: KumaClient,
  items: readonly WriteItem[],
): Promise<Conflict[]> {
  const checked = await Promise.all(
    items.map(async (item) => ({ item, current: await readCurrent(client, item.path) })),
  );
  return checked.filter(({ item, current }) =>
    item.base ? current === undefined || !sameVersion(item.base, current) : current !== undefined,
  );
}

export interface WriteOutcome {
  written: { item: WriteItem; created: boolean }[];
  warnings: string[];
  failure?: {
    item: WriteItem;
    message: string;
    issues: FormIssue[];
    readOnly: boolean;
  };
}

/** PUTs the items in order and stops at the first failure (later items depend on earlier ones). */
export async function writeItems(
  client: KumaClient,
  items: readonly WriteItem[],
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], warnings: [] };
  for (const item of items) {
    try {
      const result = await client.put(item.path, item.resource);
      outcome.written.push({ item, created: result.created });
      outcome.warnings.push(...result.warnings.map((warning) => `${item.label}: ${warning}`));
    } catch (error) {
      const api = error instanceof KumaApiError ? error : undefined;
      outcome.failure = {
        item,
        message: error instanceof Error ? error.message : String(error),
        issues: (api?.invalidParameters ?? []).map((parameter) => ({
          field: item.toField(parameter.field, parameter.reason),
          message: parameter.reason,
          severity: 'error',
          kumaPath: parameter.field,
        })),
        readOnly: api?.isReadOnly ?? false,
      };
      break;
    }
  }
  return outcome;
}

export async function deleteResources(
  client: KumaClient,
  paths: readonly string[],
): Promise<{ deleted: string[]; failure?: { path: string; message: string } }> {
  const deleted: string[] = [];
  for (const path of paths) {
    try {
      await client.delete(path);
      deleted.push(path);
    } catch (error) {
      // Already gone is what we wanted.
      if (error instanceof KumaApiError && error.status === 404) continue;
      return {
        deleted,
        failure: { path, message: error instanceof Error ? error.message : String(error) },
      };
    }
  }
  return { deleted };
}

/** After a write: the gateway lists, details, routes, dataplanes, meshes and topology refetch. */
export async function refreshAfterWrite(queryClient: QueryClient, api: KumaApi): Promise<void> {
  const prefixes = [
    gatewayKeys.all(api),
    routeKeys.all(api),
    dataplaneKeys.all(api),
    meshKeys.all(api),
    [...rootKey(api), 'topology'],
    [...rootKey(api), 'services'],
    [...rootKey(api), 'gateway-forms'],
  ];
  await Promise.all(prefixes.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
