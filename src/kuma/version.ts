/** A Kuma / Kong Mesh release, parsed from `GET /` (`version`, or `basedOnKuma` for Kong Mesh). */
export interface KumaVersion {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

export function parseKumaVersion(raw: string): KumaVersion {
  const match = VERSION_PATTERN.exec(raw.trim());
  if (!match) {
    throw new Error(`not a Kuma version: "${raw}"`);
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
    raw,
  };
}

/** True when `version` is at least `major.minor`. */
export function isAtLeast(version: KumaVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/** Kuma 3.0 removed the built-in gateway (MeshGateway and friends). */
export function hasBuiltinGateways(version: KumaVersion): boolean {
  return version.major < 3;
}
