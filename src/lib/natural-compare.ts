/**
 * The order of `Intl.Collator('en', { numeric: true })`, without building a collator for names
 * made of `[A-Za-z0-9._-]` (every Kuma resource name and every mermaid id). Chromium spends
 * 20-45 µs on each `localeCompare` with options and 10-45 ms on the first, loading collation
 * data: sorting one mesh's links for its diagram cost 130 ms of the click that asked for it.
 * Other names go to a collator made on first use.
 */
export function naturalCompare(a: string, b: string): number {
  if (!PLAIN.test(a) || !PLAIN.test(b)) return collator().compare(a, b);
  const primary = comparePrimary(a, b);
  return primary !== 0 ? primary : compareCase(a, b);
}

const PLAIN = /^[A-Za-z0-9._-]*$/;

let made: Intl.Collator | undefined;
function collator(): Intl.Collator {
  made ??= new Intl.Collator('en', { numeric: true });
  return made;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/** Collation weight of one non-digit character: `_` < `-` < `.` < (digits) < letters. */
function weight(code: number): number {
  if (code === 95) return 0; // _
  if (code === 45) return 1; // -
  if (code === 46) return 2; // .
  // Letters after every number, case left to `compareCase`.
  return 100 + (code | 0x20);
}

/** Where the run of digits starting at `from` ends. */
function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** Two runs of digits by value; leading zeros do not count, as in ICU's numeric collation. */
function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Letters regardless of case, numbers by value, punctuation before both. */
function comparePrimary(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    const xDigit = isDigit(x);
    const yDigit = isDigit(y);
    if (xDigit && yDigit) {
      const xEnd = digitsEnd(a, i);
      const yEnd = digitsEnd(b, j);
      const byValue = compareNumbers(a.slice(i, xEnd), b.slice(j, yEnd));
      if (byValue !== 0) return byValue;
      i = xEnd;
      j = yEnd;
      continue;
    }
    if (xDigit !== yDigit) {
      // A number sorts after punctuation and before letters.
      const other = xDigit ? y : x;
      const numberFirst = weight(other) >= 100;
      return xDigit === numberFirst ? -1 : 1;
    }
    const difference = weight(x) - weight(y);
    if (difference !== 0) return difference;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/**
 * Equal but for case: at the first letter that differs, lower case comes first. Runs of digits
 * are equal by now, though perhaps not in length (leading zeros), so they are stepped over.
 */
function compareCase(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (isDigit(a.charCodeAt(i))) {
      i = digitsEnd(a, i);
      j = digitsEnd(b, j);
      continue;
    }
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x !== y) return x > y ? -1 : 1;
    i++;
    j++;
  }
  return 0;
}
