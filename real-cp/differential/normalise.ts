/**
 * What may differ between two control planes that behave the same: the clock, generated ids and
 * the address they listen on. Everything else is compared as it is.
 */
import { isAtLeast, parseKumaVersion } from '../../src/kuma/version';
import type { ApiReply } from '../api-target';

const TIME_KEYS = new Set([
  'creationTime',
  'modificationTime',
  'connectTime',
  'disconnectTime',
  'lastUpdateTime',
  'lastSeen',
  'creationTimestamp',
  // A zone's last health check (2.6's ZoneInsight).
  'time',
]);
/** Generated per process: `GET /`'s identity, and the instance a proxy is connected to. */
const ROOT_ID_KEYS = new Set(['instanceId', 'clusterId', 'hostname']);
const ID_KEYS = new Set([
  'controlPlaneInstanceId',
  // The control planes at both ends of a zone's KDS stream, and the streams they opened.
  'globalInstanceId',
  'zoneInstanceId',
  'configDumpGlobalInstanceId',
  'statsGlobalInstanceId',
  'clustersGlobalInstanceId',
]);

export const TIME = '<time>';
export const ID = '<id>';
export const GENERATED_KEY = '<generated key material>';

/**
 * Secrets each control plane generates for itself with a mesh (its dataplane token signing key,
 * its builtin CA's certificate and key): same names, different random keys.
 */
function isGeneratedSecret(value: object): boolean {
  const { type, name } = value as { type?: unknown; name?: unknown };
  return (
    type === 'Secret' &&
    typeof name === 'string' &&
    (/^dataplane-token-signing-key-/.test(name) || /\.ca-builtin-(cert|key)-/.test(name))
  );
}

/** A subscription (xDS or KDS) is identified by a generated id. */
function isSubscription(value: object): boolean {
  return 'connectTime' in value && 'id' in value;
}

/** A zone's config travels as a JSON string; compared as JSON, setting by setting. */
function parsedConfig(key: string | undefined, value: unknown): unknown {
  if (key !== 'config' || typeof value !== 'string' || !value.startsWith('{')) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function normaliseValue(key: string | undefined, value: unknown, root = false): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseValue(undefined, item));
  const config = parsedConfig(key, value);
  if (config !== undefined) return normaliseValue(undefined, config);
  if (value !== null && typeof value === 'object') {
    const subscription = isSubscription(value);
    const generated = isGeneratedSecret(value);
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) =>
        (root && ROOT_ID_KEYS.has(childKey) && typeof child === 'string') ||
        (subscription && childKey === 'id')
          ? [childKey, ID]
          : generated && childKey === 'data'
            ? [childKey, GENERATED_KEY]
            : [childKey, normaliseValue(childKey, child)],
      ),
    );
  }
  if (typeof value !== 'string' || key === undefined) return value;
  if (TIME_KEYS.has(key) && !Number.isNaN(Date.parse(value))) return TIME;
  if (ID_KEYS.has(key)) return ID;
  // `next` is absolute, built from the address the request went to.
  if (key === 'next') return value.replace(/^https?:\/\/[^/]+/, '');
  return value;
}

export interface NormalisedReply {
  status: number;
  /** The media type only: `application/json`, `text/plain`, or none. */
  contentType: string;
  /** Parsed and normalised JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

interface ErrorBody {
  invalid_parameters?: { field: string; reason: string }[];
  causes?: { field: string; message: string }[];
}

const bySortKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * kuma-cp reports OpenAPI schema violations (`… in body …`) in Go map order, which changes
 * from run to run; such lists are compared as sets. Lists from Kuma's own validators keep
 * their order.
 */
function orderSchemaViolations(body: unknown): unknown {
  const error = body as ErrorBody;
  if (!error?.invalid_parameters?.some((parameter) => / in body /.test(` ${parameter.reason}`))) {
    return body;
  }
  return {
    ...(body as object),
    invalid_parameters: [...error.invalid_parameters].sort(
      bySortKey((item) => `${item.field}\u0000${item.reason}`),
    ),
    ...(error.causes
      ? {
          causes: [...error.causes].sort(bySortKey((item) => `${item.field}\u0000${item.message}`)),
        }
      : {}),
  };
}

interface RulesBody {
  rules?: { fromRules?: { inbound?: { port?: number } }[] }[];
}

/**
 * Before 2.10 kuma-cp builds a `_rules` answer's `fromRules` by ranging over a Go map keyed by
 * inbound (`resource_endpoints.go`), so their order changes from request to request; they are
 * compared in inbound port order there. Later releases sort them.
 */
function orderFromRules(body: unknown, version: string): unknown {
  const rules = (body as RulesBody)?.rules;
  if (isAtLeast(parseKumaVersion(version), 2, 10) || !Array.isArray(rules)) return body;
  if (!rules.some((rule) => Array.isArray(rule?.fromRules))) return body;
  const port = (item: { inbound?: { port?: number } }) => item?.inbound?.port ?? 0;
  return {
    ...(body as object),
    rules: rules.map((rule) =>
      Array.isArray(rule?.fromRules)
        ? {
            ...rule,
            fromRules: [...rule.fromRules].sort(
              (a, b) =>
                port(a) - port(b) || bySortKey((item: unknown) => JSON.stringify(item))(a, b),
            ),
          }
        : rule,
    ),
  };
}

/**
 * The MeshGateway validator reports listener conflicts by ranging over Go maps (by port, then
 * protocol or hostname), so each of these messages comes in an order that changes from run to
 * run; a run of one of them is compared in field order.
 */
const MAP_ORDERED_REASONS = new Set([
  'protocol conflicts with other listeners on this port',
  'multiple listeners for hostname on this port',
  'conflicting values for this port',
]);

function sortRuns<T>(items: readonly T[], reason: (item: T) => string, field: (item: T) => string) {
  const out: T[] = [];
  let run: T[] = [];
  const flush = () => {
    out.push(...run.sort(bySortKey(field)));
    run = [];
  };
  for (const item of items) {
    if (run.length > 0 && reason(run[0]!) !== reason(item)) flush();
    if (MAP_ORDERED_REASONS.has(reason(item))) run.push(item);
    else {
      flush();
      out.push(item);
    }
  }
  flush();
  return out;
}

function orderListenerConflicts(body: unknown): unknown {
  const error = body as ErrorBody;
  if (!error?.invalid_parameters?.some((parameter) => MAP_ORDERED_REASONS.has(parameter.reason))) {
    return body;
  }
  return {
    ...(body as object),
    invalid_parameters: sortRuns(
      error.invalid_parameters,
      (item) => item.reason,
      (item) => item.field,
    ),
    ...(error.causes
      ? {
          causes: sortRuns(
            error.causes,
            (item) => item.message,
            (item) => item.field,
          ),
        }
      : {}),
  };
}

/** `version`: the kuma-cp release the reply is from (some orders are only stable later). */
export function normaliseReply(reply: ApiReply, version?: string): NormalisedReply {
  const contentType = reply.text === '' ? '' : (reply.contentType ?? '').split(';')[0]!.trim();
  if (reply.body === undefined) return { status: reply.status, contentType, body: reply.text };
  let body = orderListenerConflicts(
    orderSchemaViolations(normaliseValue(undefined, reply.body, true)),
  );
  if (version) body = orderFromRules(body, version);
  return { status: reply.status, contentType, body };
}

/** JSON paths where two values differ, like `items[0].labels["kuma.io/zone"]`; `` for the root. */
export function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects =
    !bothArrays &&
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b);
  if (bothArrays) {
    if (a.length !== b.length) return [`${path}.length`];
    return a.flatMap((item, index) => differingPaths(item, b[index], `${path}[${index}]`));
  }
  if (bothObjects) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys]
      .sort()
      .flatMap((key) =>
        differingPaths(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
        ),
      );
  }
  return [path];
}
