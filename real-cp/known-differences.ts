/**
 * Every difference between the demo control plane and the real kuma-cp that stays, with the
 * reason. The differential suite fails on any difference not matched here; an entry matches a
 * difference when all its conditions hold and every differing JSON path matches `paths`.
 */
export interface KnownDifference {
  versions?: string[];
  /** The report row, e.g. `reads: dataplanes`. */
  kind?: RegExp;
  /** `METHOD /path?query`. */
  request?: RegExp;
  /** Every differing path (`status`, `body.items[0].labels`, …) must match. */
  paths?: RegExp;
  reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];
