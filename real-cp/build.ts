import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KumaRelease, kumaRelease } from './versions';

const goModulesDir = join(dirname(fileURLToPath(import.meta.url)), 'go');

export type BuildFailure = 'go-missing' | 'module-unavailable' | 'build-failed';

/** Why kuma-cp could not be built: the command that failed and what it said. */
export class KumaCpBuildError extends Error {
  constructor(
    readonly failure: BuildFailure,
    readonly command: string,
    readonly output: string,
  ) {
    super(`${describeFailure(failure)}\n  command: ${command}\n${indent(lastLines(output, 12))}`);
  }
}

function describeFailure(failure: BuildFailure): string {
  switch (failure) {
    case 'go-missing':
      return 'kuma-cp cannot be built: the `go` command is not on PATH (Go 1.26 is needed)';
    case 'module-unavailable':
      return 'kuma-cp cannot be built: the Go module proxy refused one of its modules';
    case 'build-failed':
      return 'kuma-cp failed to build';
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
}

/** What the go command prints when the proxy does not serve a module version. */
const MODULE_UNAVAILABLE =
  /reading https?:\/\/\S+: (403|404|410)|module version is not available|no matching versions|unknown revision|invalid version/;

export function classifyBuildOutput(output: string): BuildFailure {
  return MODULE_UNAVAILABLE.test(output) ? 'module-unavailable' : 'build-failed';
}

function cacheRoot(): string {
  if (process.env.KUMA_CP_CACHE_DIR) return process.env.KUMA_CP_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'kuma-ingress-dashboard', 'kuma-cp');
}

/** A cached binary is reused only for the very module files it was built from. */
async function moduleFingerprint(release: KumaRelease): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) {
    hash.update(await readFile(join(goModulesDir, release.moduleDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function binaryPathFor(release: KumaRelease, fingerprint: string): string {
  return join(cacheRoot(), `${release.version}-${fingerprint}`, 'kuma-cp');
}

function ldflags(release: KumaRelease): string {
  const set = (name: string, value: string) => `-X ${release.versionPackage}.${name}=${value}`;
  return [
    '-s',
    '-w',
    set('version', release.version),
    set('gitTag', release.gitTag),
    set('gitCommit', release.gitCommit),
    set('buildDate', 'reproducible'),
  ].join(' ');
}

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ ok: boolean; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        // The pinned go.sum is the truth; never let the build rewrite it or switch toolchains.
        env: { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' },
      },
      (error, stdout, stderr) => {
        const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
        resolve({ ok: !error, output: `${stdout}${stderr}`, missing });
      },
    );
  });
}

export interface BuildResult {
  binary: string;
  /** False when the binary came from the cache. */
  built: boolean;
  seconds: number;
}

/**
 * Builds kuma-cp at the pinned version, or reuses the cached binary. Go's own module and build
 * caches make a rebuild after a cache wipe cheap; the first build compiles Kuma (minutes).
 */
export async function buildKumaCp(
  version: string,
  log: (line: string) => void = () => {},
): Promise<BuildResult> {
  const release = kumaRelease(version);
  const binary = binaryPathFor(release, await moduleFingerprint(release));
  if (existsSync(binary)) return { binary, built: false, seconds: 0 };

  const moduleDir = join(goModulesDir, release.moduleDir);
  await mkdir(dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const args = ['build', '-trimpath', `-ldflags=${ldflags(release)}`, '-o', partial, '.'];
  const command = `(cd real-cp/go/${release.moduleDir} && go ${args.join(' ')})`;
  log(`building kuma-cp ${version} from ${release.kumaModule.path}@${release.kumaModule.version}`);
  const started = performance.now();
  const result = await run('go', args, moduleDir);
  if (result.missing) throw new KumaCpBuildError('go-missing', command, '');
  if (!result.ok) {
    await rm(partial, { force: true });
    throw new KumaCpBuildError(classifyBuildOutput(result.output), command, result.output);
  }
  // Concurrent builds of one version each write their own file; the last rename wins, harmlessly.
  await rename(partial, binary);
  return { binary, built: true, seconds: (performance.now() - started) / 1000 };
}
