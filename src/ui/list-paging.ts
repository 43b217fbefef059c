/** Paging over rows already loaded (lists the control plane answers whole). */

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, size)));
}

/** The rows of `page` (1-based); a page past the end gives none, so the screen can say so. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): T[] {
  const start = (Math.max(1, page) - 1) * size;
  return rows.slice(start, start + size);
}

/**
 * The page a "go to page" box asks for: a whole number, clamped to the pages there are, or
 * undefined for text that is no page number (so the box can say so instead of jumping).
 */
export function parseJump(text: string, pages: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Math.min(Math.max(1, Number(trimmed)), Math.max(1, pages));
}
