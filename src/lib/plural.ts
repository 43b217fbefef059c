/**
 * Count + noun in English (one vs other), with thousands separators: "1 error", "0 warnings",
 * "1,204 dataplanes". One helper so no screen says "4 error" or "instance(s)" again.
 *
 * Whole counts, nearly every call, are worded here: the first `Intl.NumberFormat` of a page costs
 * Chromium 20-70 ms (locale data loaded on the main thread), and this module loads with the
 * topology's first paint. Anything else (a rate of 1.5, a huge number) goes to `Intl`, made once
 * on first use: `toLocaleString` makes a new formatter on every call (about 20 µs), and the
 * routing evaluation words its verdicts with counts thousands of times per model.
 */
let intl: { rules: Intl.PluralRules; numbers: Intl.NumberFormat } | undefined;
const formatters = () => {
  intl ??= { rules: new Intl.PluralRules('en-US'), numbers: new Intl.NumberFormat('en-US') };
  return intl;
};

function isWhole(count: number): boolean {
  return Number.isSafeInteger(count);
}

/** The form for `count`: `plural(1, 'proxy', 'proxies')` is "proxy", of 2 "proxies". */
export function plural(count: number, one: string, other = `${one}s`): string {
  // English: "one" is a whole 1 (or -1), everything else "other".
  const isOne = isWhole(count) ? Math.abs(count) === 1 : formatters().rules.select(count) === 'one';
  return isOne ? one : other;
}

/** `count` with thousands separators, as en-US writes it: "1,204", "-12,000", "1.5". */
export function formatCount(count: number): string {
  if (!isWhole(count)) return formatters().numbers.format(count);
  const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+$)/g, ',');
  return count < 0 ? `-${digits}` : digits;
}

/** "1 error", "4 errors", "1,204 dataplanes". */
export function counted(count: number, one: string, other = `${one}s`): string {
  return `${formatCount(count)} ${plural(count, one, other)}`;
}
