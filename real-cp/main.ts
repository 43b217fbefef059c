/**
 * `npm run kuma-cp -- --version 2.14.3 [--mode standalone|global|multizone] [--port N] [--build-only]`
 *
 * Builds the real kuma-cp at a pinned version (cached after the first build) and runs it on
 * loopback, Universal, in-memory store, until Ctrl-C. `multizone` starts a global and a zone
 * kuma-cp connected over KDS.
 *
 * `--version all --build-only` builds every pinned release (and real-cp/go/xds-client) and prints
 * the releases that built, comma separated, for REAL_KUMA_VERSIONS. A release whose modules the Go proxy refuses is reported as
 * BLOCKED and left out; any other failure fails the command.
 */
import { parseArgs } from 'node:util';
import { buildKumaCp, buildXdsClient, KumaCpBuildError } from './build';
import { startKumaCp, startMultiZone } from './control-plane';
import { KUMA_RELEASES } from './versions';

const usage = `usage: npm run kuma-cp -- --version ${KUMA_RELEASES.map((r) => r.version).join('|')}|all [--mode standalone|global|multizone] [--port N] [--zone-port N] [--build-only]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      version: { type: 'string', default: KUMA_RELEASES[0]?.version },
      mode: { type: 'string', default: 'standalone' },
      port: { type: 'string', default: '0' },
      'zone-port': { type: 'string', default: '0' },
      'build-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const version = values.version ?? '';
  const log = (line: string) => console.error(`kuma-cp: ${line}`);
  if (values['build-only'] && version === 'all') {
    console.log((await buildEveryRelease(log)).join(','));
    return;
  }
  if (values['build-only']) {
    const result = await buildKumaCp(version, log);
    console.log(
      result.built
        ? `kuma-cp ${version} built in ${result.seconds.toFixed(0)} s: ${result.binary}`
        : `kuma-cp ${version} (cached): ${result.binary}`,
    );
    return;
  }
  const port = Number(values.port);
  let stop: () => Promise<void>;
  if (values.mode === 'multizone') {
    const pair = await startMultiZone({
      version,
      port,
      zonePort: Number(values['zone-port']),
      log,
    });
    console.log(`kuma-cp ${version} global API on ${pair.global.url}/`);
    console.log(`kuma-cp ${version} zone "zone-1" API on ${pair.zone.url}/`);
    stop = pair.stop;
  } else if (values.mode === 'standalone' || values.mode === 'global') {
    const cp = await startKumaCp({ version, mode: values.mode, port, log });
    console.log(`kuma-cp ${version} (${values.mode}) API on ${cp.url}/`);
    stop = cp.stop;
  } else {
    throw new Error(`unknown --mode ${values.mode}\n${usage}`);
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Builds each pinned release, and the stand-in for Envoy; returns the releases that built. */
async function buildEveryRelease(log: (line: string) => void): Promise<string[]> {
  const built: string[] = [];
  for (const { version } of KUMA_RELEASES) {
    try {
      const result = await buildKumaCp(version, log);
      log(`${version}: ${result.built ? `built in ${result.seconds.toFixed(0)} s` : 'cached'}`);
      built.push(version);
    } catch (error) {
      if (!(error instanceof KumaCpBuildError) || error.failure !== 'module-unavailable') {
        throw error;
      }
      log(`BLOCKED: kuma-cp ${version} is left out of the real-CP suites.\n${error.message}`);
    }
  }
  if (built.length === 0) throw new Error('no pinned kuma-cp release could be built');
  const client = await buildXdsClient(log);
  log(`xds-client: ${client.built ? `built in ${client.seconds.toFixed(0)} s` : 'cached'}`);
  return built;
}

main().catch((error: unknown) => {
  console.error(error instanceof KumaCpBuildError ? error.message : error);
  process.exit(error instanceof KumaCpBuildError ? 3 : 1);
});
