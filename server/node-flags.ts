/**
 * The V8 flags the dashboard server and the demo control plane run with (`npm start`,
 * `npm run demo-cp`, the e2e servers and the benchmarks). Flags are the process's: the demo's
 * worker thread cannot have others.
 *
 * The simulation makes ~125 MB of short-lived garbage per tick at 50,000 dataplanes. With V8's
 * defaults RSS grew past 300 MB while the heap stayed near 140 MB; `--optimize-for-size` kept it
 * near 255 MB but pins the young generation to 1 MB, so a tick ran ~130 scavenges and spent
 * 30 % of its time in GC. A 4 MB semi-space with old-generation growth of 10 % keeps RSS under
 * 300 MB (273 MB at 50,000) with a quarter of the scavenges.
 *
 * One V8 platform thread instead of four: they mark and sweep the demo's heap beside its thread,
 * at the server's priority (a nice value is a thread's, and they are not the demo thread's, see
 * `server/demo-worker.ts`), and four of them on a 2-core machine took the CPU index.html waited
 * for. `bench/demo-cp-large.ts` at 50,000 dataplanes, alternating runs: index.html's p95 while
 * ticking 36-42 ms with one (0.89-1.11× the ticks-off figure) against 43-58 ms with four
 * (1.03-1.37×); the API's medians, the tick and RSS the same.
 */
export const SERVER_NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--heap-growing-percent=10',
  '--v8-pool-size=1',
] as const;
