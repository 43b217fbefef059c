/** Filters a dataplane search box understands, as `key:value` terms. */
export interface DataplaneSearch {
  name?: string;
  /** `key:value` pairs for repeated `tag=` (Kuma matches values as substrings). */
  tags: string[];
  gateway?: 'builtin' | 'delegated' | 'true' | 'false';
  status?: 'online' | 'offline' | 'partially_degraded';
  zone?: string;
  /** Terms the search box could not read, so the UI can say so. */
  ignored: string[];
}

const GATEWAY_VALUES: Record<string, DataplaneSearch['gateway']> = {
  builtin: 'builtin',
  'built-in': 'builtin',
  delegated: 'delegated',
  true: 'true',
  any: 'true',
  false: 'false',
  none: 'false',
  standard: 'false',
};

const STATUS_VALUES: Record<string, DataplaneSearch['status']> = {
  online: 'online',
  offline: 'offline',
  degraded: 'partially_degraded',
  partially_degraded: 'partially_degraded',
  'partially-degraded': 'partially_degraded',
};

/**
 * Reads `name:web tag:kuma.io/service:backend gateway:builtin status:online zone:east`. A bare
 * word is a name search; `service:x` is shorthand for the `kuma.io/service` tag.
 */
export function parseDataplaneSearch(text: string): DataplaneSearch {
  const search: DataplaneSearch = { tags: [], ignored: [] };
  for (const term of text.trim().split(/\s+/).filter(Boolean)) {
    const separator = term.indexOf(':');
    if (separator <= 0) {
      search.name = search.name ? `${search.name} ${term}` : term;
      continue;
    }
    const key = term.slice(0, separator).toLowerCase();
    const value = term.slice(separator + 1);
    if (!value) {
      search.ignored.push(term);
      continue;
    }
    switch (key) {
      case 'name':
        search.name = value;
        break;
      case 'tag':
        if (value.includes(':')) search.tags.push(value);
        else search.ignored.push(term);
        break;
      case 'service':
        search.tags.push(`kuma.io/service:${value}`);
        break;
      case 'protocol':
        search.tags.push(`kuma.io/protocol:${value}`);
        break;
      case 'gateway':
      case 'type': {
        const gateway = GATEWAY_VALUES[value.toLowerCase()];
        if (gateway) search.gateway = gateway;
        else search.ignored.push(term);
        break;
      }
      case 'status': {
        const status = STATUS_VALUES[value.toLowerCase()];
        if (status) search.status = status;
        else search.ignored.push(term);
        break;
      }
      case 'zone':
        search.zone = value;
        break;
      default:
        search.ignored.push(term);
    }
  }
  return search;
}

/** The query parameters Kuma filters on server-side; its list API has none for status. */
export function dataplaneSearchQuery(search: DataplaneSearch): {
  name?: string;
  tag: string[];
  gateway?: string;
} {
  const tags = [...search.tags];
  if (search.zone) tags.push(`kuma.io/zone:${search.zone}`);
  return { name: search.name, tag: tags, gateway: search.gateway };
}
