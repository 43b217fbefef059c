/**
 * Kuma's own validator test tables, read from Kuma's module source in the Go module cache (the
 * build of kuma-cp puts it there), so the cases are Kuma's and nobody here picks them. Every YAML
 * raw string in a validator test that holds a resource becomes one PUT body; the expected
 * answers are not read: the real kuma-cp gives them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { isAtLeast, parseKumaVersion } from '../../src/kuma/version';
import type { KumaRelease } from '../versions';

const goModulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'go');

export interface CaseFile {
  kind: string;
  /** Legacy resources are flat; new-style ones nest their payload under `spec`. */
  shape: 'legacy' | 'policy';
  path: string;
  since?: [number, number];
}

export const VALIDATOR_TEST_FILES: readonly CaseFile[] = [
  { kind: 'Mesh', shape: 'legacy', path: 'pkg/core/resources/apis/mesh/mesh_validator_test.go' },
  {
    kind: 'MeshGateway',
    shape: 'legacy',
    path: 'pkg/core/resources/apis/mesh/gateway_validator_test.go',
  },
  {
    kind: 'Dataplane',
    shape: 'legacy',
    path: 'pkg/core/resources/apis/mesh/dataplane_validator_test.go',
  },
  {
    kind: 'MeshHTTPRoute',
    shape: 'policy',
    path: 'pkg/plugins/policies/meshhttproute/api/v1alpha1/validation_test.go',
  },
  {
    kind: 'MeshTCPRoute',
    shape: 'policy',
    path: 'pkg/plugins/policies/meshtcproute/api/v1alpha1/validator_test.go',
  },
  {
    kind: 'MeshTrafficPermission',
    shape: 'policy',
    path: 'pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator_test.go',
  },
  {
    kind: 'MeshService',
    shape: 'policy',
    path: 'pkg/core/resources/apis/meshservice/api/v1alpha1/validator_test.go',
    since: [2, 9],
  },
];

export interface KumaCase {
  kind: string;
  /** The Ginkgo entry's description, and the position of the YAML in the file. */
  description: string;
  yaml: string;
}

/**
 * Where `go` unpacked Kuma's module for this release: `go mod download` in the pinned module
 * fetches it if a cached kuma-cp binary skipped the build.
 */
export function kumaModuleSource(release: KumaRelease): string {
  const output = execFileSync('go', ['mod', 'download', '-json', release.kumaModule.path], {
    cwd: join(goModulesDir, release.moduleDir),
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local' },
  });
  const { Dir: dir, Error: error } = JSON.parse(output) as { Dir?: string; Error?: string };
  if (!dir || !existsSync(dir)) {
    throw new Error(
      `Kuma's module source for ${release.version} is not available: ${error ?? output}`,
    );
  }
  return dir;
}

interface Literal {
  raw: boolean;
  value: string;
  /** The identifier right before the call this literal is the first argument of, if any. */
  callee?: string;
}

/**
 * The string literals of a Go file, in order. A small scanner rather than a regex, so backticks
 * inside comments or interpreted strings cannot throw it off.
 */
export function goStringLiterals(source: string): Literal[] {
  const literals: Literal[] = [];
  let i = 0;
  let lastIdentifier = '';
  let openedCall: string | undefined;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) break;
      literals.push({ raw: true, value: source.slice(i + 1, end), callee: openedCall });
      openedCall = undefined;
      i = end + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      const text = source.slice(i, j + 1);
      if (ch === '"') {
        let value: string;
        try {
          value = JSON.parse(text) as string;
        } catch {
          value = text.slice(1, -1);
        }
        literals.push({ raw: false, value, callee: openedCall });
      }
      openedCall = undefined;
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < source.length && /\w/.test(source[j]!)) j += 1;
      lastIdentifier = source.slice(i, j);
      openedCall = undefined;
      i = j;
      continue;
    }
    if (ch === '(') {
      openedCall = lastIdentifier;
    } else if (!/\s/.test(ch)) {
      openedCall = undefined;
    }
    lastIdentifier = /\s/.test(ch) ? lastIdentifier : '';
    i += 1;
  }
  return literals;
}

const ENTRY_CALLS = new Set(['Entry', 'FEntry', 'ErrorCase', 'ErrorCases', 'FErrorCase']);

/** Every YAML raw string of a test file that parses to a resource-like mapping. */
export function casesFromTestSource(kind: string, source: string): KumaCase[] {
  const cases: KumaCase[] = [];
  let description = '';
  let index = 0;
  for (const literal of goStringLiterals(source)) {
    if (!literal.raw) {
      if (literal.callee && ENTRY_CALLS.has(literal.callee)) {
        description = literal.value;
        index = 0;
      }
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(literal.value);
    } catch {
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) continue;
    // Expected outputs (`violations: …`) sit in the same tables as the inputs.
    if ('violations' in parsed) continue;
    index += 1;
    cases.push({
      kind,
      description: index > 1 ? `${description} (#${index})` : description,
      yaml: literal.value,
    });
  }
  return cases;
}

export function loadKumaCases(release: KumaRelease): KumaCase[] {
  const source = kumaModuleSource(release);
  const version = parseKumaVersion(release.version);
  return VALIDATOR_TEST_FILES.filter(
    (file) => !file.since || isAtLeast(version, file.since[0], file.since[1]),
  ).flatMap((file) => {
    const path = join(source, file.path);
    if (!existsSync(path)) throw new Error(`Kuma ${release.version} has no ${file.path}`);
    return casesFromTestSource(file.kind, readFileSync(path, 'utf8'));
  });
}

const META_KEYS = new Set(['type', 'name', 'mesh', 'labels']);

/**
 * The REST body for a case: Kuma's tests parse the YAML straight into the spec (meta keys are
 * ignored there), so the spec is everything but the meta keys, under a name of our own.
 */
export function caseBody(
  file: Pick<CaseFile, 'kind' | 'shape'>,
  yaml: string,
  name: string,
  mesh = 'default',
): Record<string, unknown> {
  const document = parseYaml(yaml) as Record<string, unknown>;
  const spec = Object.fromEntries(Object.entries(document).filter(([key]) => !META_KEYS.has(key)));
  const meta: Record<string, unknown> =
    file.kind === 'Mesh' ? { type: file.kind, name } : { type: file.kind, mesh, name };
  return file.shape === 'legacy' ? { ...meta, ...spec } : { ...meta, spec };
}
