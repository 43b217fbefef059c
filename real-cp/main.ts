/**
 * `npm run kuma-cp -- --version 2.14.3 [--mode standalone|global|multizone] [--port N] [--build-only]`
 *
 * Builds the real kuma-cp at a pinned version (cached after the first build) and runs it on
 * loopback, Universal, in-memory store, until Ctrl-C. `multizone` starts a global and a zone
 * kuma-cp connected over KDS.
 */
import { parseArgs } from 'node:util';
import { buildKumaCp, KumaCpBuildError } from './build';
import { startKumaCp, startMultiZone } from './control-plane';
import { KUMA_RELEASES } from './versions';

const usage = `usage: npm run kuma-cp -- --version ${KUMA_RELEASES.map((r) => r.version).join('|')} [--mode standalone|global|multizone] [--port N] [--zone-port N] [--build-only]`;

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

main().catch((error: unknown) => {
  console.error(error instanceof KumaCpBuildError ? error.message : error);
  process.exit(error instanceof KumaCpBuildError ? 3 : 1);
});
