import { KUMA_RELEASES } from './versions';

/**
 * The kuma-cp versions the real-CP suites run against: `REAL_KUMA_VERSIONS=2.6.15,2.14.3`, or
 * every pinned release.
 */
export function realVersions(): string[] {
  const requested = process.env.REAL_KUMA_VERSIONS?.split(',')
    .map((version) => version.trim())
    .filter(Boolean);
  return requested && requested.length > 0
    ? requested
    : KUMA_RELEASES.map((release) => release.version);
}
