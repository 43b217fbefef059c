/**
 * `npm run bench`: every benchmark, each in its own process, printed as one table. Figures are
 * medians of repeated runs in one process; targets come from the issues.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

interface Row {
  what: string;
  figure: string;
  target: string;
  ok: boolean;
}

/** The same V8 flags as `npm run demo-cp` and `npm start` (see package.json). */
const DEMO_NODE_FLAGS = ['--optimize-for-size'];

function runScript<T = Record<string, number>>(script: string, args: string[] = []): T {
  const output = execFileSync(
    process.execPath,
    [...DEMO_NODE_FLAGS, '--expose-gc', '--import', 'tsx', join(here, script), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lastLine = output.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(lastLine) as T;
}

function demoControlPlaneRows(): Row[] {
  const large = runScript('demo-cp-large.ts');
  return [
    {
      what: `demo-cp \`large\` (${large.dataplanes} dataplanes, ${large.meshes} meshes): median GET /meshes/{mesh}/dataplanes/_overview?size=1000 (${large.overviewItems} items, ${Math.round((large.overviewBytes ?? 0) / 1024)} KiB)`,
      figure: `${large.medianOverviewMs} ms`,
      target: '≤ 50 ms',
      ok: (large.medianOverviewMs ?? Infinity) <= 50,
    },
    {
      what: 'demo-cp `large`: median GET /dataplanes/_overview?size=1000 (across meshes)',
      figure: `${large.medianCrossMeshOverviewMs} ms`,
      target: '—',
      ok: true,
    },
    {
      what: 'demo-cp `large`: RSS after start-up and 20 ticks',
      figure: `${large.rssMb} MB`,
      target: '≤ 300 MB',
      ok: (large.rssMb ?? Infinity) <= 300,
    },
    {
      what: 'demo-cp `large`: start-up / median tick (churn, health, simulated traffic)',
      figure: `${large.startupMs} ms / ${large.medianTickMs} ms`,
      target: 'tick < --tick-ms (2000)',
      ok: (large.medianTickMs ?? Infinity) < 2000,
    },
  ];
}

function spaRows(): Row[] {
  const spa = runScript('spa.ts');
  const rows: Row[] = [
    {
      what: `First route (/meshes): JavaScript loaded, gzip (${spa.files} files; CSS ${spa.cssGzipKb} KB more)`,
      figure: `${spa.jsGzipKb} KB`,
      target: '≤ 150 KB',
      ok: (spa.jsGzipKb ?? Infinity) <= 150,
    },
  ];
  for (const screen of ['/meshes', '/gateways', '/dataplanes']) {
    const mixed = spa[`requests mixed ${screen}`];
    const large = spa[`requests large ${screen}`];
    rows.push({
      what: `API requests per refresh on ${screen}: \`mixed\` (22 dataplanes) vs \`large\` (5,000)`,
      figure: `${mixed} vs ${large}`,
      target: 'same on both',
      ok: mixed === large,
    });
  }
  return rows;
}

interface TopologyCase {
  interactiveMs: number;
  layoutMs: number;
  frameMedianMs: number;
  frameP90Ms: number;
  nodes: number;
}

function topologyRows(): Row[] {
  const topology = runScript<Record<string, TopologyCase>>('topology.ts');
  const cases: [string, string, TopologyCase | undefined, boolean][] = [
    ['100 dataplanes', 'dp100', topology.dp100, false],
    ['1,000 dataplanes', 'dp1000', topology.dp1000, false],
    ['5,000 dataplanes', 'dp5000', topology.dp5000, true],
    ['5,000 dataplanes, one mesh expanded', 'dp5000Expanded', topology.dp5000Expanded, false],
  ];
  return cases.flatMap(([label, , result, target]) =>
    result
      ? [
          {
            what: `Topology, ${label} (${result.nodes} nodes drawn): data → interactive graph / ELK layout`,
            figure: `${result.interactiveMs} ms / ${result.layoutMs} ms`,
            target: target ? '≤ 2 s to interactive' : '—',
            ok: !target || result.interactiveMs <= 2000,
          },
          {
            what: `Topology, ${label}: median / p90 frame while panning and zooming`,
            figure: `${result.frameMedianMs} ms / ${result.frameP90Ms} ms`,
            target: target ? '≤ 20 ms median' : '—',
            ok: !target || result.frameMedianMs <= 20,
          },
        ]
      : [],
  );
}

function main(): void {
  const rows = [...demoControlPlaneRows(), ...spaRows(), ...topologyRows()];
  console.log('| What | Figure | Target | Met |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows)
    console.log(`| ${row.what} | ${row.figure} | ${row.target} | ${row.ok ? 'yes' : 'NO'} |`);
}

main();
