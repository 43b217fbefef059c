import type { Capabilities } from '../capabilities';
import type { KumaClient } from '../client';

/** What every query needs: the client, and what the connected control plane can do. */
export interface KumaApi {
  client: KumaClient;
  caps: Capabilities;
}

/** Keys start at the control plane's identity, so data from two control planes never mixes. */
export function rootKey(api: KumaApi) {
  return ['kuma', api.caps.identity] as const;
}

export interface Page {
  page: number;
  size: number;
}

export function offsetOf({ page, size }: Page): number {
  return Math.max(0, (page - 1) * size);
}
