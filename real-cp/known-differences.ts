/**
 * Every difference between the demo control plane and the real kuma-cp that stays, with the
 * reason. The differential suite fails on any difference not matched here; an entry matches a
 * difference when all its conditions hold and every differing JSON path matches `paths`.
 */
export interface KnownDifference {
  versions?: string[];
  /** The report row, e.g. `reads: dataplanes`. */
  kind?: RegExp;
  /** `METHOD /path?query`. */
  request?: RegExp;
  /** Every differing path (`status`, `body.items[0].labels`, …) must match. */
  paths?: RegExp;
  reason: string;
}

/** The `/config` settings the demo reports, with kuma-cp's defaults (what a client reads). */
const CONFIG_SUBSET = [
  'general\\.dnsCacheTTL',
  'environment',
  'mode',
  'store\\.type',
  'store\\.cache',
  'apiServer\\.readOnly',
  'apiServer\\.http\\.enabled',
  'apiServer\\.corsAllowedDomains',
  'apiServer\\.authn\\.type',
  'apiServer\\.authn\\.localhostIsAdmin',
  'apiServer\\.basePath',
  'apiServer\\.rootUrl',
  'apiServer\\.gui',
  'multizone\\.zone\\.name',
  'multizone\\.zone\\.globalAddress',
  'multizone\\.zone\\.ingressUpdateInterval',
  'metrics\\.dataplane',
  'metrics\\.mesh',
  'dnsServer',
  'experimental\\.inboundTagsDisabled',
].join('|');

/** Where each process listens and keeps its files: not behaviour, and different per run. */
const PROCESS_ADDRESS =
  'apiServer\\.http\\.(interface|port)|general\\.workDir|multizone\\.global\\.kds\\.grpcPort|multizone\\.zone\\.globalAddress';

/** A zone's insight, in a ZoneOverview (listed or single). */
const ZONE_INSIGHT = '^body(?:\\.items\\[\\d+\\])?\\.zoneInsight';

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    request: /^GET \/config$/,
    paths: new RegExp(`^body\\.(?:(?!(?:${CONFIG_SUBSET})(?:\\.|\\[|$))|(?:${PROCESS_ADDRESS})$)`),
    reason:
      'The demo reports the settings a client reads (mode, environment, store, API server, zone, insight intervals), with kuma-cp defaults; the rest of the ~300 settings configure a process the demo is not (xDS, KDS, Envoy bootstrap, stores). Ports and paths are those of each process.',
  },
  {
    request: /^GET \/zones/,
    paths: new RegExp(
      `${ZONE_INSIGHT}\\.(?:healthCheck(?:\\.time)?$|subscriptions\\[\\d+\\]\\.(?:(?:status\\.stat|status\\.(?:total|stat\\.\\w+)\\.responses(?:Sent|Acknowledged)|generation|version\\.kumaCp\\.buildDate)$|config\\.(?:(?!(?:${CONFIG_SUBSET})(?:\\.|\\[|$))|(?:${PROCESS_ADDRESS})$)))`,
    ),
    reason:
      "A zone's KDS subscription: how many responses each stream has sent and had acknowledged (and, on the zone, how often it rewrote its insight: `generation`) depends on how kuma-cp's 1 s reconciliation batched the writes (the demo counts one per change, per type; every type and both counters are there; a 2.6 zone reports its side of the stream only after its first insight flush), and so does the time of the zone's last health check, which kuma-cp shows once the first one came in. The zone's config travels whole, so it differs as `/config` does; the build date is the stamp of whoever built the binary (the suite's reproducible build says `reproducible`).",
  },
  {
    versions: ['2.6.15'],
    request: /[?&]size=0(?:&|$)/,
    paths: /^body\.items\[\d+\]\./,
    reason:
      "kuma-cp 2.6.15 takes `size=0` as paging off, and its in-memory store then lists in Go's map order, different on every call; the demo keeps Kuma's (mesh, name) order. The same items, compared in order, are in the paged lists.",
  },
  {
    versions: ['2.6.15'],
    request: /[?&]offset=-\d/,
    paths: /^(status|contentType|body.*)$/,
    reason:
      'kuma-cp 2.6.15 panics on a negative offset and drops the connection (fixed in 2.14, which answers 400); the demo answers 400 rather than reproduce the crash.',
  },
  {
    versions: ['2.6.15'],
    request: /^GET \/(?:meshes\/[^/]+\/)?service-insights\?(?:[^#]*&)?size=-\d/,
    paths: /^(status|contentType|body.*)$/,
    reason:
      'kuma-cp 2.6.15 pages service insights in memory and slices with a negative size, which panics and drops the connection (2.14 refuses the size with 400); the demo answers that 400 rather than reproduce the crash.',
  },
];
