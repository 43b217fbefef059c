/**
 * The demo control plane on the `large` scenario, measured in its own process so RSS is its own:
 * start-up, tick time, RSS, and the latency of the heaviest list a dashboard asks for.
 */
import { listen } from '../demo-cp/src/listen';
import { DEFAULT_OPTIONS } from '../demo-cp/src/options';
import { startDemo } from '../demo-cp/src/start';

const REQUESTS = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const demo = await startDemo(
    { ...DEFAULT_OPTIONS, scenario: 'large', seed: 1, tickMs: 0 },
    { ticking: false },
  );
  const startupMs = performance.now() - startedAt;
  const tickTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const tickStart = performance.now();
    demo.world.tick();
    tickTimes.push(performance.now() - tickStart);
  }
  global.gc?.();
  const rssBeforeRequestsMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const server = await listen(demo.fetch, 0, '127.0.0.1');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const mesh = demo.world.meshes()[0]?.name ?? 'mesh-01';
  const url = `http://127.0.0.1:${port}/meshes/${mesh}/dataplanes/_overview?size=1000`;
  const latencies: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < REQUESTS + 5; i++) {
    const requestStart = performance.now();
    const response = await fetch(url);
    const body = await response.text();
    const elapsed = performance.now() - requestStart;
    if (i >= 5) latencies.push(elapsed);
    bytes = body.length;
    items = (JSON.parse(body) as { items: unknown[] }).items.length;
  }
  const crossMesh = `http://127.0.0.1:${port}/dataplanes/_overview?size=1000`;
  const crossLatencies: number[] = [];
  for (let i = 0; i < 15; i++) {
    const requestStart = performance.now();
    await (await fetch(crossMesh)).text();
    if (i >= 5) crossLatencies.push(performance.now() - requestStart);
  }
  global.gc?.();
  const result = {
    dataplanes: demo.world.dataplanes().length,
    meshes: demo.world.meshes().length,
    startupMs: Math.round(startupMs),
    medianTickMs: Math.round(median(tickTimes)),
    overviewItems: items,
    overviewBytes: bytes,
    medianOverviewMs: Number(median(latencies).toFixed(1)),
    medianCrossMeshOverviewMs: Number(median(crossLatencies).toFixed(1)),
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    heapTotalMb: Math.round(process.memoryUsage().heapTotal / 1024 / 1024),
    rssBeforeRequestsMb,
  };
  server.close();
  demo.stop();
  console.log(JSON.stringify(result));
}

void main();
