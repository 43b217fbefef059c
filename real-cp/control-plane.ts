import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKumaCp } from './build';

export type KumaCpMode = 'standalone' | 'global' | 'zone';

export interface KumaCpOptions {
  version: string;
  mode?: KumaCpMode;
  /** API port (HTTP) on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** For `zone`: the global CP's KDS address (`grpcs://127.0.0.1:PORT`). */
  globalKdsAddress?: string;
  zoneName?: string;
  /** Extra `KUMA_*` settings. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface RunningKumaCp {
  version: string;
  mode: KumaCpMode;
  /** The API server, e.g. `http://127.0.0.1:43123`. */
  url: string;
  /** For a global CP: where zones connect. */
  kdsAddress: string;
  /** Where proxies connect for xDS; it takes them without a dataplane token. */
  xdsAddress: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `count` free loopback ports, all different: each is held open until all are found. Asked for
 * one at a time, the system handed the same port out twice (the API's HTTP and HTTPS ports), and
 * kuma-cp exited with "address already in use".
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  return ports;
}

async function waitForApi(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `kuma-cp exited with ${child.exitCode} before its API answered:\n${output()}`,
      );
    }
    try {
      // The default mesh appears a moment after the API answers; a PUT into it before then
      // would get a 404.
      const response = await fetch(`${url}/meshes/default`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`kuma-cp's API at ${url} did not answer within 120 s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts a real kuma-cp (built on demand) in Universal mode with the in-memory store, every
 * listener on its own free loopback port and a private work directory.
 */
export async function startKumaCp(options: KumaCpOptions): Promise<RunningKumaCp> {
  const mode = options.mode ?? 'standalone';
  const { binary } = await buildKumaCp(options.version, options.log);
  const workDir = await mkdtemp(join(tmpdir(), `kuma-cp-${options.version}-`));
  const [freeApiPort, kdsPort, xdsPort, httpsPort, diagnosticsPort, monitoringPort, interCpPort] =
    await freePorts(7);
  const apiPort = options.port || freeApiPort;
  const env: Record<string, string> = {
    KUMA_ENVIRONMENT: 'universal',
    KUMA_STORE_TYPE: 'memory',
    KUMA_GENERAL_WORK_DIR: workDir,
    KUMA_REPORTS_ENABLED: 'false',
    KUMA_API_SERVER_HTTP_INTERFACE: '127.0.0.1',
    KUMA_API_SERVER_HTTP_PORT: String(apiPort),
    KUMA_API_SERVER_HTTPS_INTERFACE: '127.0.0.1',
    KUMA_API_SERVER_HTTPS_PORT: String(httpsPort),
    KUMA_DP_SERVER_PORT: String(xdsPort),
    // real-cp/go/xds-client stands in for Envoy and has no dataplane token.
    KUMA_DP_SERVER_AUTHN_DP_PROXY_TYPE: 'none',
    KUMA_DIAGNOSTICS_SERVER_PORT: String(diagnosticsPort),
    KUMA_MONITORING_ASSIGNMENT_SERVER_PORT: String(monitoringPort),
    KUMA_INTER_CP_SERVER_PORT: String(interCpPort),
    KUMA_MULTIZONE_GLOBAL_KDS_GRPC_PORT: String(kdsPort),
  };
  // A non-federated zone is kuma-cp's default mode ("standalone" is its deprecated name).
  if (mode === 'global') env.KUMA_MODE = 'global';
  if (mode === 'zone') {
    if (!options.globalKdsAddress) throw new Error('a zone kuma-cp needs globalKdsAddress');
    env.KUMA_MODE = 'zone';
    env.KUMA_MULTIZONE_ZONE_NAME = options.zoneName ?? 'zone-1';
    env.KUMA_MULTIZONE_ZONE_GLOBAL_ADDRESS = options.globalKdsAddress;
    env.KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY = 'true';
  }
  Object.assign(env, options.env);

  const child = spawn(binary, ['run'], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', HOME: workDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    // Keep the tail only: a long test run logs a lot.
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const url = `http://127.0.0.1:${apiPort}`;
  const stop = async () => {
    await stopProcess(child);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await waitForApi(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    version: options.version,
    mode,
    url,
    kdsAddress: `grpcs://127.0.0.1:${kdsPort}`,
    xdsAddress: `grpcs://127.0.0.1:${xdsPort}`,
    output: () => log,
    stop,
  };
}

export interface MultiZone {
  global: RunningKumaCp;
  zone: RunningKumaCp;
  stop: () => Promise<void>;
}

/** A global kuma-cp and one zone connected to it over KDS, both on loopback. */
export async function startMultiZone(
  options: Omit<KumaCpOptions, 'mode' | 'globalKdsAddress'> & { zonePort?: number },
): Promise<MultiZone> {
  const global = await startKumaCp({ ...options, mode: 'global' });
  let zone: RunningKumaCp;
  try {
    zone = await startKumaCp({
      ...options,
      port: options.zonePort,
      mode: 'zone',
      globalKdsAddress: global.kdsAddress,
    });
  } catch (error) {
    await global.stop();
    throw error;
  }
  const zoneName = options.zoneName ?? 'zone-1';
  const stop = async () => {
    await zone.stop();
    await global.stop();
  };
  try {
    await waitForZoneOnline(global.url, zoneName);
  } catch (error) {
    await stop();
    throw error;
  }
  return { global, zone, stop };
}

async function waitForZoneOnline(globalUrl: string, zoneName: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${globalUrl}/zones/_overview`).catch(() => undefined);
    if (response?.ok) {
      const body = (await response.json()) as {
        items?: { name: string; zoneInsight?: { subscriptions?: { disconnectTime?: string }[] } }[];
      };
      const zone = body.items?.find((item) => item.name === zoneName);
      const subscriptions = zone?.zoneInsight?.subscriptions ?? [];
      if (subscriptions.some((subscription) => !subscription.disconnectTime)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`zone ${zoneName} did not connect to the global kuma-cp within 90 s`);
}
