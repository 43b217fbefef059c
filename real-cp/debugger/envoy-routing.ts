/**
 * Where Envoy sends a request, given the configuration kuma-cp generated for a gateway proxy:
 * listener by port, filter chain by SNI, virtual host by Host, first matching route. Written
 * from Envoy's documented matching rules, independently of the dashboard's evaluator, so the
 * two can be compared.
 */
import type {
  EnvoyFilterChain,
  EnvoyHeaderMatcher,
  EnvoyRoute,
  EnvoyVirtualHost,
  ProxyConfig,
} from '../xds-client';

export interface Probe {
  /** `mesh`: a proxy of the mesh, speaking mTLS with ALPN `kuma`, as cross-mesh listeners want. */
  scheme: 'http' | 'https' | 'tcp' | 'mesh';
  host: string;
  port: number;
  path: string;
  method: string;
  headers: Record<string, string>;
}

/** What the client sees, reduced to what both sides can say. */
export type Outcome =
  | { kind: 'refused'; why: string }
  /** Accepted, then closed: no filter chain takes the connection. */
  | { kind: 'reset'; why: string }
  | { kind: 'tls-failure'; why: string }
  /** `kuma`: the "No routes match this MeshGateway!" page; `envoy`: Envoy's own empty 404. */
  | { kind: 'not-found'; page: 'kuma' | 'envoy' }
  | { kind: 'direct'; status: number }
  /** Share of requests (0–1) per backend service. */
  | { kind: 'routed'; backends: Record<string, number> };

const HCM = 'envoy.filters.network.http_connection_manager';
const TCP_PROXY = 'envoy.filters.network.tcp_proxy';

/** kuma-cp names gateway clusters `<service>-<16 hex digits>`. */
export function serviceOfCluster(cluster: string): string {
  return cluster.replace(/-[0-9a-f]{16}$/, '');
}

function shares(clusters: { name: string; weight?: number }[]): Record<string, number> {
  const total = clusters.reduce((sum, cluster) => sum + (cluster.weight ?? 1), 0);
  const result: Record<string, number> = {};
  for (const cluster of clusters) {
    const service = serviceOfCluster(cluster.name);
    result[service] = (result[service] ?? 0) + (cluster.weight ?? 1) / (total || 1);
  }
  return result;
}

/** `*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`. */
function serverNameMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.'))
    return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Does the connection's transport (TLS or not, ALPN) fit the chain's match? */
function transportFits(chain: EnvoyFilterChain, probe: Probe): boolean {
  const match = chain.filterChainMatch;
  const tls = probe.scheme === 'https' || probe.scheme === 'mesh';
  if (match?.transportProtocol === 'tls' && !tls) return false;
  if (match?.transportProtocol === 'raw_buffer' && tls) return false;
  const alpn = probe.scheme === 'mesh' ? ['kuma'] : [];
  return (
    !match?.applicationProtocols?.length || match.applicationProtocols.some((p) => alpn.includes(p))
  );
}

/** Envoy picks the chain with the most specific matching server name; none listed matches all. */
function chainFor(chains: readonly EnvoyFilterChain[], sni: string): EnvoyFilterChain | undefined {
  const exact = chains.find((chain) => chain.filterChainMatch?.serverNames?.includes(sni));
  if (exact) return exact;
  const wildcard = chains
    .flatMap((chain) =>
      (chain.filterChainMatch?.serverNames ?? [])
        .filter((name) => name.startsWith('*.') && serverNameMatches(name, sni))
        .map((name) => ({ chain, length: name.length })),
    )
    .sort((a, b) => b.length - a.length)[0];
  if (wildcard) return wildcard.chain;
  return chains.find((chain) => !chain.filterChainMatch?.serverNames?.length);
}

/**
 * Envoy's virtual host search: exact domain, then the longest suffix wildcard (`*.example.com`),
 * then the longest prefix wildcard (`example.*`), then `*`.
 */
export function virtualHostFor(
  hosts: readonly EnvoyVirtualHost[],
  host: string,
): EnvoyVirtualHost | undefined {
  const name = host.toLowerCase();
  const candidates = hosts.flatMap((vhost) =>
    vhost.domains.map((domain) => ({ vhost, domain: domain.toLowerCase() })),
  );
  const exact = candidates.find((candidate) => candidate.domain === name);
  if (exact) return exact.vhost;
  const longest = (matches: typeof candidates) =>
    matches.sort((a, b) => b.domain.length - a.domain.length)[0]?.vhost;
  const suffix = longest(
    candidates.filter(
      ({ domain }) =>
        domain.startsWith('*') &&
        domain !== '*' &&
        name.endsWith(domain.slice(1)) &&
        name.length > domain.length - 1,
    ),
  );
  if (suffix) return suffix;
  const prefix = longest(
    candidates.filter(
      ({ domain }) =>
        domain.endsWith('*') &&
        domain !== '*' &&
        name.startsWith(domain.slice(0, -1)) &&
        name.length > domain.length - 1,
    ),
  );
  if (prefix) return prefix;
  return candidates.find((candidate) => candidate.domain === '*')?.vhost;
}

function fullMatch(regex: string, value: string): boolean {
  return new RegExp(`^(?:${regex})$`).test(value);
}

function headerMatches(matcher: EnvoyHeaderMatcher, headers: Record<string, string>): boolean {
  const value = headers[matcher.name.toLowerCase()];
  let matched: boolean;
  if (matcher.presentMatch !== undefined) matched = (value !== undefined) === matcher.presentMatch;
  else if (value === undefined) matched = false;
  else if (matcher.exactMatch !== undefined) matched = value === matcher.exactMatch;
  else if (matcher.safeRegexMatch) matched = fullMatch(matcher.safeRegexMatch.regex, value);
  else if (matcher.stringMatch?.exact !== undefined) matched = value === matcher.stringMatch.exact;
  else if (matcher.stringMatch?.prefix !== undefined)
    matched = value.startsWith(matcher.stringMatch.prefix);
  else if (matcher.stringMatch?.safeRegex)
    matched = fullMatch(matcher.stringMatch.safeRegex.regex, value);
  else matched = true;
  return matcher.invertMatch ? !matched : matched;
}

function routeMatches(route: EnvoyRoute, probe: Probe): boolean {
  const [path = '', queryString = ''] = probe.path.split('?', 2);
  const { match } = route;
  if (match.path !== undefined && path !== match.path) return false;
  if (match.prefix !== undefined && !path.startsWith(match.prefix)) return false;
  if (match.safeRegex && !fullMatch(match.safeRegex.regex, path)) return false;
  const headers: Record<string, string> = { ':method': probe.method, ':authority': probe.host };
  for (const [name, value] of Object.entries(probe.headers)) headers[name.toLowerCase()] = value;
  if (!(match.headers ?? []).every((matcher) => headerMatches(matcher, headers))) return false;
  const query = new URLSearchParams(queryString);
  return (match.queryParameters ?? []).every((parameter) => {
    const value = query.get(parameter.name);
    if (parameter.presentMatch) return value !== null;
    if (value === null) return false;
    if (parameter.stringMatch?.exact !== undefined) return value === parameter.stringMatch.exact;
    if (parameter.stringMatch?.safeRegex)
      return fullMatch(parameter.stringMatch.safeRegex.regex, value);
    return true;
  });
}

/** Where the gateway proxy sends `probe`; `config` undefined means kuma-cp sent it nothing. */
export function envoyOutcome(config: ProxyConfig | undefined, probe: Probe): Outcome {
  if (!config) return { kind: 'refused', why: 'kuma-cp sent this proxy no configuration' };
  const listener = config.listeners.find(
    (candidate) => candidate.address?.socketAddress?.portValue === probe.port,
  );
  if (!listener) return { kind: 'refused', why: `no listener on port ${probe.port}` };
  const chains = (listener.filterChains ?? []).filter((chain) => transportFits(chain, probe));
  const chain = probe.scheme === 'https' ? chainFor(chains, probe.host) : chains[0];
  if (!chain) {
    return probe.scheme === 'https'
      ? { kind: 'tls-failure', why: `no filter chain for server name ${probe.host}` }
      : { kind: 'reset', why: `no filter chain of ${listener.name} takes this connection` };
  }
  if (!chain.filters?.length) {
    return { kind: 'reset', why: `the filter chain of ${listener.name} has no filters` };
  }
  const tcp = chain.filters?.find((filter) => filter.name === TCP_PROXY)?.typedConfig as
    | { cluster?: string; weightedClusters?: { clusters: { name: string; weight?: number }[] } }
    | undefined;
  if (tcp) {
    return {
      kind: 'routed',
      backends: shares(tcp.weightedClusters?.clusters ?? [{ name: tcp.cluster ?? '' }]),
    };
  }
  const hcm = chain.filters?.find((filter) => filter.name === HCM)?.typedConfig as
    | { rds?: { routeConfigName?: string } }
    | undefined;
  if (!hcm)
    return { kind: 'refused', why: `listener ${listener.name} has no known network filter` };
  const table = config.routes.find((route) => route.name === hcm.rds?.routeConfigName);
  const vhost = virtualHostFor(table?.virtualHosts ?? [], probe.host);
  const route = vhost?.routes?.find((candidate) => routeMatches(candidate, probe));
  if (!route) return { kind: 'not-found', page: 'envoy' };
  if (route.directResponse) {
    return route.directResponse.status === 404
      ? { kind: 'not-found', page: 'kuma' }
      : { kind: 'direct', status: route.directResponse.status };
  }
  if (route.route?.weightedClusters) {
    return { kind: 'routed', backends: shares(route.route.weightedClusters.clusters) };
  }
  if (route.route?.cluster)
    return { kind: 'routed', backends: shares([{ name: route.route.cluster }]) };
  return { kind: 'direct', status: route.redirect ? 301 : 0 };
}
