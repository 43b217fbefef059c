/** Display helpers shared by the dataplane and zone screens: deterministic, never throwing. */

/** `2026-11-01 00:00:00 UTC`, or undefined when the value is absent or not a date. */
export function formatTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return undefined;
  return `${new Date(millis).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A uint64 counter as protojson sends it (a string), or a number; grouped by thousands. Absent
 * means zero (protojson drops zero values); anything unreadable is shown as a dash.
 */
export function formatCounter(value: unknown): string {
  if (value === undefined || value === null) return '0';
  const digits =
    typeof value === 'number'
      ? Number.isFinite(value) && value >= 0
        ? String(Math.trunc(value))
        : undefined
      : typeof value === 'string' && /^\d+$/.test(value)
        ? value.replace(/^0+(?=\d)/, '')
        : undefined;
  if (digits === undefined) return '—';
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
