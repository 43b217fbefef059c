import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a TypeScript entry point and waits until it prints the URL it listens on. */
function startScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  urlPattern: RegExp,
  startTimeoutMs = 60_000,
): Promise<RunningProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', script, ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start:\n${output}`));
    }, startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = urlPattern.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        // Output is kept for `output()`; reading it also keeps a chatty process from blocking
        // on a full pipe.
        resolve({
          url: match[1].replace(/\/$/, ''),
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

/** Resolves once the process has printed a line matching `pattern`. */
export async function waitForOutput(
  running: RunningProcess,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(running.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The dashboard's line once its embedded demo has run its first tick (`server/main.ts`). */
const DEMO_FIRST_TICK_DONE = /demo control plane: first tick done/;

/** The dashboard's line once its layout processes have warmed up (`server/main.ts`). */
const LAYOUT_WARMED_UP = /layout engine warmed up/;

/**
 * The dashboard's line once it has compressed the SPA's files ahead (`server/main.ts`), or its
 * warning that it could not (each file is then compressed on its first request).
 */
const STATIC_FILES_SETTLED = /static files (?:not )?compressed/;

/**
 * Resolves once a started dashboard has done its start-up work: the embedded demo's first tick,
 * the layout processes' warm-up, the SPA's files compressed. That work takes seconds of a core;
 * a page loaded meanwhile, on a two-core machine running two dashboards and a browser, took
 * longer than an assertion waits. The cold start itself is measured by the benchmarks' first
 * loads and checked by `first-requests.spec.ts` for what it asks, not for how fast.
 */
async function untilSettled(dashboard: RunningProcess): Promise<void> {
  if (/embedded demo control plane/.test(dashboard.output()))
    await waitForOutput(dashboard, DEMO_FIRST_TICK_DONE);
  await waitForOutput(dashboard, LAYOUT_WARMED_UP);
  await waitForOutput(dashboard, STATIC_FILES_SETTLED);
}

/** `npm start` on a free port (the SPA is already built by the Playwright web server), settled. */
export async function startDashboard(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  startTimeoutMs?: number,
): Promise<RunningProcess> {
  const dashboard = await startScript(
    'server/main.ts',
    ['--port', '0', '--skip-build', ...args],
    env,
    /dashboard on (http:\/\/\S+?)\/? /,
    startTimeoutMs,
  );
  try {
    await untilSettled(dashboard);
  } catch (error) {
    await dashboard.stop();
    throw error;
  }
  return dashboard;
}

/** `npm run demo-cp` on a free port. */
export function startDemoControlPlane(args: string[] = []): Promise<RunningProcess> {
  return startScript(
    'demo-cp/main.ts',
    ['--port', '0', ...args],
    {},
    /on (http:\/\/\S+?)\/?(?:\s|$)/,
  );
}
