/**
 * What may differ between two control planes that behave the same: the clock, generated ids and
 * the address they listen on. Everything else is compared as it is.
 */
import type { ApiReply } from '../api-target';

const TIME_KEYS = new Set([
  'creationTime',
  'modificationTime',
  'connectTime',
  'disconnectTime',
  'lastUpdateTime',
  'lastSeen',
  'creationTimestamp',
]);
/** Generated per process: `GET /`'s identity, and the instance a proxy is connected to. */
const ROOT_ID_KEYS = new Set(['instanceId', 'clusterId', 'hostname']);
const ID_KEYS = new Set(['controlPlaneInstanceId']);

export const TIME = '<time>';
export const ID = '<id>';

function normaliseValue(key: string | undefined, value: unknown, root = false): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseValue(undefined, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([childKey, child]) =>
        root && ROOT_ID_KEYS.has(childKey) && typeof child === 'string'
          ? [childKey, ID]
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

export function normaliseReply(reply: ApiReply): NormalisedReply {
  const contentType = reply.text === '' ? '' : (reply.contentType ?? '').split(';')[0]!.trim();
  return {
    status: reply.status,
    contentType,
    body:
      reply.body === undefined
        ? reply.text
        : orderSchemaViolations(normaliseValue(undefined, reply.body, true)),
  };
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
