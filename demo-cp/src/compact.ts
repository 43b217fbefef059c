/**
 * Helpers that keep what the demo holds per dataplane small: at 50,000 dataplanes a few dozen
 * bytes each are megabytes. Measured on Node 20 (`--optimize-for-size`): a template literal such
 * as `10.${a}.${b}.${c}` is kept as a tree of cons strings (~130 bytes for 20 characters; flat:
 * ~45), and an array grown by push or spread reserves room for 17 elements.
 */

/** The same string, flattened in place so the cons-string tree behind it can be collected. */
export function flatString(text: string): string {
  // Reading a character makes V8 flatten a cons string (and the string now points at the flat copy).
  text.charCodeAt(0);
  return text;
}

/** `items` with `item` appended, as a new array of exactly that length. */
export function appended<T>(items: readonly T[], item: T): T[] {
  return items.concat([item]);
}
