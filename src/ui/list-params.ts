export const DEFAULT_PAGE_SIZE = 50;
/** Kuma answers 400 above this. */
export const MAX_PAGE_SIZE = 1000;

/** A list screen's view state, as the URL holds it, so a reload or a shared link shows the same. */
export interface ListParams {
  q: string;
  /** Empty for every mesh (e.g. `/dataplanes/_overview`). */
  mesh: string;
  page: number;
  size: number;
  /** `name` ascending, `-name` descending, empty for the control plane's order. */
  sort: string;
}

export type ListParamChanges = Partial<Record<keyof ListParams, string | number>>;

const DEFAULTS: Record<keyof ListParams, string> = {
  q: '',
  mesh: '',
  page: '1',
  size: String(DEFAULT_PAGE_SIZE),
  sort: '',
};

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

export function readListParams(params: URLSearchParams): ListParams {
  const size = positiveInt(params.get('size'));
  return {
    q: params.get('q') ?? '',
    mesh: params.get('mesh') ?? '',
    page: positiveInt(params.get('page')) ?? 1,
    size: size === undefined ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE),
    sort: params.get('sort') ?? '',
  };
}

/**
 * The URL after some changes: defaults are dropped, and a new filter or page size goes back to
 * page 1 (its old page number means nothing for a different result set). A new sort keeps the
 * page unless the caller says otherwise: sorting one loaded page must not leave it.
 */
export function applyListParams(
  current: URLSearchParams,
  changes: ListParamChanges,
): URLSearchParams {
  const next = new URLSearchParams(current);
  const resetsPage = 'q' in changes || 'mesh' in changes || 'size' in changes;
  const all: ListParamChanges =
    resetsPage && !('page' in changes) ? { ...changes, page: 1 } : changes;
  for (const [key, value] of Object.entries(all) as [keyof ListParams, string | number][]) {
    const textValue = String(value ?? '');
    if (textValue === '' || textValue === DEFAULTS[key]) next.delete(key);
    else next.set(key, textValue);
  }
  return next;
}
