import { asNumber } from './guards';
import type { PathBuilder, ViolationList } from './violations';

export const MSG_PORT_RANGE = 'port must be in the range [1, 65535]';

/** Kuma's `ValidatePort` (G15, D12, inbound/outbound ports). Missing reads as 0. */
export function validatePort(out: ViolationList, path: PathBuilder, port: unknown): void {
  const value = asNumber(port);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    out.add(path, MSG_PORT_RANGE);
  }
}
