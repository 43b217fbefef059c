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
    readonly program: string,
    readonly failure: BuildFailure,
    readonly command: string,
    readonly output: string,
  ) {
    super(
      `${describeFailure(program, failure)}\n  command: ${command}\n${indent(lastLines(output, 12))}`,
    );
  }
}

function describeFailure(program: string, failure: BuildFailure): string {
  switch (failure) {
    case 'go-missing':
      return `${program} cannot be built: the \`go\` command is not on PATH (Go 1.26 is needed)`;
    case 'module-unavailable':
      return `${program} cannot be built: the Go module proxy refused one of its modules`;
    case 'build-failed':
      return `${program} failed to build`;
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

/** One of this project's Go programs: a folder under `real-cp/go/` with go.mod, go.sum, main.go. */
interface GoProgram {
  /** What the messages call it. */
  name: string;
  binaryName: string;
  moduleDir: string;
  /** Names the cache folder, e.g. the Kuma version. */
  cacheKey: string;
  ldflags: string;
}

/** A cached binary is reused only for the very module files it was built from. */
async function moduleFingerprint(moduleDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) {
    hash.update(await readFile(join(goModulesDir, moduleDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function kumaCpProgram(release: KumaRelease): GoProgram {
  const set = (name: string, value: string) => `-X ${release.versionPackage}.${name}=${value}`;
  return {
    name: `kuma-cp ${release.version}`,
    binaryName: 'kuma-cp',
    moduleDir: release.moduleDir,
    cacheKey: release.version,
    ldflags: [
      '-s',
      '-w',
      set('version', release.version),
      set('gitTag', release.gitTag),
      set('gitCommit', release.gitCommit),
      set('buildDate', 'reproducible'),
    ].join(' '),
  };
}

const XDS_CLIENT: GoProgram = {
  name: 'xds-client',
  binaryName: 'xds-client',
  moduleDir: 'xds-client',
  cacheKey: 'xds-client',
  ldflags: '-s -w',
};

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

async function buildGoProgram(
  program: GoProgram,
  log: (line: string) => void,
  from: string,
): Promise<BuildResult> {
  const binary = join(
    cacheRoot(),
    `${program.cacheKey}-${await moduleFingerprint(program.moduleDir)}`,
    program.binaryName,
  );
  if (existsSync(binary)) return { binary, built: false, seconds: 0 };

  const moduleDir = join(goModulesDir, program.moduleDir);
  await mkdir(dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const args = ['build', '-trimpath', `-ldflags=${program.ldflags}`, '-o', partial, '.'];
  const command = `(cd real-cp/go/${program.moduleDir} && go ${args.join(' ')})`;
  log(`building ${program.name} from ${from}`);
  const started = performance.now();
  const result = await run('go', args, moduleDir);
  if (result.missing) throw new KumaCpBuildError(program.name, 'go-missing', command, '');
  if (!result.ok) {
    await rm(partial, { force: true });
    throw new KumaCpBuildError(
      program.name,
      classifyBuildOutput(result.output),
      command,
      result.output,
    );
  }
  // Concurrent builds of one program each write their own file; the last rename wins, harmlessly.
  await rename(partial, binary);
  return { binary, built: true, seconds: (performance.now() - started) / 1000 };
}

/**
 * Builds kuma-cp at the pinned version, or reuses the cached binary. Go's own module and build
 * caches make a rebuild after a cache wipe cheap; the first build compiles Kuma (minutes).
 */
export function buildKumaCp(
  version: string,
  log: (line: string) => void = () => {},
): Promise<BuildResult> {
  const release = kumaRelease(version);
  return buildGoProgram(
    kumaCpProgram(release),
    log,
    `${release.kumaModule.path}@${release.kumaModule.version}`,
  );
}

/** Builds the stand-in for Envoy (real-cp/go/xds-client), or reuses the cached binary. */
export function buildXdsClient(log: (line: string) => void = () => {}): Promise<BuildResult> {
  return buildGoProgram(XDS_CLIENT, log, 'real-cp/go/xds-client');
}
