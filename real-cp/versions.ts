/**
 * The real kuma-cp releases the project tests against. Each one is a tiny Go module under
 * `real-cp/go/<dir>` that requires Kuma's module at a pinned version (sums in its go.sum) and
 * calls `cmd.Execute()` of `app/kuma-cp/cmd`.
 */
export interface KumaRelease {
  /** The version the demo control plane's personality takes (`--kuma-version`). */
  version: string;
  /** Folder of the Go module under `real-cp/go/`. */
  moduleDir: string;
  /** Go package holding Kuma's build info, set with `-ldflags -X` as Kuma's Makefile does. */
  versionPackage: string;
  gitTag: string;
  gitCommit: string;
  /** Kuma's module path and version as go.mod requires it, to find its sources in GOMODCACHE. */
  kumaModule: { path: string; version: string };
}

export const KUMA_RELEASES: readonly KumaRelease[] = [
  {
    version: '2.14.3',
    moduleDir: 'v2.14.3',
    versionPackage: 'github.com/kumahq/kuma/v2/pkg/version',
    gitTag: 'v2.14.3',
    gitCommit: '0c7aaec033b7dad03c3a9f4d5b56eb6d941bfff9',
    kumaModule: { path: 'github.com/kumahq/kuma/v2', version: 'v2.14.3' },
  },
  {
    version: '2.6.15',
    moduleDir: 'v2.6.15',
    versionPackage: 'github.com/kumahq/kuma/pkg/version',
    gitTag: '2.6.15',
    gitCommit: '93cf348759b2a0ae631431428702fb670d5bc761',
    kumaModule: {
      path: 'github.com/kumahq/kuma',
      version: 'v0.0.0-20250117120507-93cf348759b2',
    },
  },
];

export function kumaRelease(version: string): KumaRelease {
  const release = KUMA_RELEASES.find((candidate) => candidate.version === version);
  if (!release) {
    const known = KUMA_RELEASES.map((candidate) => candidate.version).join(', ');
    throw new Error(`kuma-cp ${version} is not pinned in real-cp/go (pinned: ${known})`);
  }
  return release;
}
