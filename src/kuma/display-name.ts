import type { Labels } from './types';

/**
 * Multi-zone KDS renames what it syncs: a dataplane written on zone `east` as `web-1` is
 * `web-1-<16 characters>` on the global control plane, a gateway written on the global is hashed
 * on every zone. The name a person gave stays in `kuma.io/display-name`; the stored name is still
 * the one API paths take.
 */
export const DISPLAY_NAME_LABEL = 'kuma.io/display-name';

interface Named {
  name: string;
  labels?: Labels;
}

/** The name to show: `kuma.io/display-name` when there is one, else the stored name. */
export function displayNameOf(resource: Named): string {
  const label = resource.labels?.[DISPLAY_NAME_LABEL];
  return label ? label : resource.name;
}

/** The stored name when it differs from the display name (to show beside it), else undefined. */
export function storedNameIfRenamed(resource: Named): string | undefined {
  return displayNameOf(resource) === resource.name ? undefined : resource.name;
}
