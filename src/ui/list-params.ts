export const DEFAULT_PAGE_SIZE = 50;
/** Kuma answers 400 above this. */
export const MAX_PAGE_SIZE = 1000;

/** The dataplane list's view state, as the URL holds it. */
export interface DataplaneListParams {
  q: string;
  /** Empty for every mesh (`/dataplanes/_overview`). */
  mesh: string;
  page: number;
  size: number;
}

export type ListParamChanges = Partial<Record<keyof DataplaneListParams, string | number>>;

const DEFAULTS: Record<keyof DataplaneListParams, string> = {
  q: '',
  mesh: '',
  page: '1',
  size: String(DEFAULT_PAGE_SIZE),
};

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

export function readListParams(params: URLSearchParams): DataplaneListParams {
  const size = positiveInt(params.get('size'));
  return {
    q: params.get('q') ?? '',
    mesh: params.get('mesh') ?? '',
    page: positiveInt(params.get('page')) ?? 1,
    size: size === undefined ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE),
  };
}

/**
 * The URL after some changes: defaults are dropped, and a new filter or page size goes back to
 * page 1 (its old page number means nothing for a different result set).
 */
export function applyListParams(
  current: URLSearchParams,
  changes: ListParamChanges,
): URLSearchParams {
  const next = new URLSearchParams(current);
  const resetsPage = 'q' in changes || 'mesh' in changes || 'size' in changes;
  const all: ListParamChanges =
    resetsPage && !('page' in changes) ? { ...changes, page: 1 } : changes;
  for (const [key, value] of Object.entries(all) as [
    keyof DataplaneListParams,
    string | number,
  ][]) {
    const textValue = String(value ?? '');
    if (textValue === '' || textValue === DEFAULTS[key]) next.delete(key);
    else next.set(key, textValue);
  }
  return next;
}
