import { spawn } from 'node:child_process';
import { buildXdsClient } from './build';

/**
 * What kuma-cp sent one proxy, as real-cp/go/xds-client prints it: Envoy's Listener and
 * RouteConfiguration resources in protojson, and the names of its clusters.
 */
export interface ProxyConfig {
  dataplane: string;
  listeners: EnvoyListener[];
  routes: EnvoyRouteConfiguration[];
  clusters: string[];
}

export interface EnvoyListener {
  name: string;
  address?: { socketAddress?: { address?: string; portValue?: number } };
  filterChains?: EnvoyFilterChain[];
}

export interface EnvoyFilterChain {
  filterChainMatch?: {
    serverNames?: string[];
    transportProtocol?: string;
    applicationProtocols?: string[];
  };
  filters?: { name: string; typedConfig?: Record<string, unknown> }[];
}

export interface EnvoyRouteConfiguration {
  name: string;
  virtualHosts?: EnvoyVirtualHost[];
}

export interface EnvoyVirtualHost {
  name: string;
  domains: string[];
  routes?: EnvoyRoute[];
}

export interface EnvoyRoute {
  match: {
    prefix?: string;
    path?: string;
    safeRegex?: { regex: string };
    headers?: EnvoyHeaderMatcher[];
    queryParameters?: {
      name: string;
      stringMatch?: { exact?: string; safeRegex?: { regex: string } };
      presentMatch?: boolean;
    }[];
  };
  route?: {
    cluster?: string;
    weightedClusters?: { clusters: { name: string; weight?: number }[] };
  };
  directResponse?: { status: number };
  redirect?: Record<string, unknown>;
}

export interface EnvoyHeaderMatcher {
  name: string;
  exactMatch?: string;
  stringMatch?: { exact?: string; prefix?: string; safeRegex?: { regex: string } };
  safeRegexMatch?: { regex: string };
  presentMatch?: boolean;
  invertMatch?: boolean;
}

export interface RunningXdsClient {
  /** The latest configuration of `mesh/name`, or undefined when kuma-cp sent it none. */
  config: (dataplane: string) => ProxyConfig | undefined;
  /**
   * Resolves once configuration has come and then no proxy got any more for `quietMs` (or after
   * `maxMs`): kuma-cp generates it a proxy at a time, certificates first, on ~1 s intervals.
   */
  settled: (quietMs?: number, maxMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Connects the given Dataplanes (`mesh/name`) to kuma-cp's xDS server, as their Envoys would:
 * kuma-cp then sees them online and generates their configuration, which this keeps.
 */
export async function startXdsClient(options: {
  xdsAddress: string;
  kumaVersion: string;
  dataplanes: readonly string[];
  log?: (line: string) => void;
}): Promise<RunningXdsClient> {
  const { binary } = await buildXdsClient(options.log);
  const child = spawn(
    binary,
    ['-xds', options.xdsAddress, '-kuma-version', options.kumaVersion, ...options.dataplanes],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const latest = new Map<string, ProxyConfig>();
  let lastUpdate = 0;
  let pending = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const config = JSON.parse(line) as ProxyConfig;
      latest.set(config.dataplane, config);
      lastUpdate = Date.now();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    config: (dataplane) => latest.get(dataplane),
    settled: async (quietMs = 3000, maxMs = 30_000) => {
      const deadline = Date.now() + maxMs;
      while (Date.now() < deadline && (lastUpdate === 0 || Date.now() - lastUpdate < quietMs)) {
        if (child.exitCode !== null) throw new Error(`xds-client exited: ${errors}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    stop: async () => {
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
