/**
 * `time.Time.UnmarshalJSON` since Go 1.20 (kuma-cp 2.6 and 2.14 alike): `null` changes nothing,
 * anything but a JSON string is refused, and a string goes through `time.Parse(time.RFC3339, …)`,
 * whose errors name the part of the value that did not fit the part of the layout it was read
 * against: `parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`.
 */

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** `time`'s own `quote`: bytes outside printable ASCII as `\xNN`, `"` and `\` escaped. */
function quote(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code >= 0x80) {
      for (const byte of new TextEncoder().encode(char)) {
        out += `\\x${byte.toString(16).padStart(2, '0')}`;
      }
    } else out += char === '"' || char === '\\' ? `\\${char}` : char;
  }
  return `${out}"`;
}

/** Thrown as is by Go (no `json:` prefix, no field context). */
export class GoTimeError extends Error {}

const isDigit = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';

function cannotParse(value: string, valueElem: string, layoutElem: string): GoTimeError {
  return new GoTimeError(
    `parsing time ${quote(value)} as ${quote(RFC3339)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`,
  );
}

function outOfRange(value: string, what: string): GoTimeError {
  return new GoTimeError(`parsing time ${quote(value)}: ${what} out of range`);
}

/** Go's `getnum`: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

type Step = { literal: string } | { element: '2006' | '01' | '02' | '15' | '04' | '05' | 'Z07:00' };

const LAYOUT: Step[] = [
  { element: '2006' },
  { literal: '-' },
  { element: '01' },
  { literal: '-' },
  { element: '02' },
  { literal: 'T' },
  { element: '15' },
  { literal: ':' },
  { element: '04' },
  { literal: ':' },
  { element: '05' },
  { element: 'Z07:00' },
];

/** The error `time.Parse(time.RFC3339, value)` returns, or undefined when it parses. */
export function rfc3339Error(input: string): GoTimeError | undefined {
  let value = input;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const step of LAYOUT) {
    if ('literal' in step) {
      if (!value.startsWith(step.literal)) return cannotParse(input, value, step.literal);
      value = value.slice(step.literal.length);
      continue;
    }
    const hold = value;
    const bad = () => cannotParse(input, hold, step.element);
    switch (step.element) {
      case '2006':
        if (value.length < 4 || !isDigit(value, 0)) return bad();
        if (!/^\d{4}$/.test(value.slice(0, 4))) return bad();
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case '01':
      case '02':
      case '15':
      case '04': {
        const read = getnum(value, step.element !== '15');
        if (!read) return bad();
        const [n, rest] = read;
        value = rest;
        if (step.element === '01') {
          month = n;
          if (n <= 0 || n > 12) return outOfRange(input, 'month');
        } else if (step.element === '02') day = n;
        else if (step.element === '15' && n >= 24) return outOfRange(input, 'hour');
        else if (step.element === '04' && n >= 60) return outOfRange(input, 'minute');
        break;
      }
      case '05': {
        const read = getnum(value, true);
        if (!read) return bad();
        const [n, rest] = read;
        value = rest;
        if (n >= 60) return outOfRange(input, 'second');
        // A fraction the layout does not spell out is still read after the seconds.
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigit(value, 1)) {
          let end = 2;
          while (isDigit(value, end)) end += 1;
          value = value.slice(end);
        }
        break;
      }
      case 'Z07:00': {
        if (value.startsWith('Z')) {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':') return bad();
        const sign = value[0];
        const hours = getnum(value.slice(1, 3), true);
        const minutes = hours && getnum(value.slice(4, 6), true);
        value = value.slice(6);
        // Go sets the range message minute after hour, and reports it before a bad sign.
        if (minutes && minutes[0] > 60) return outOfRange(input, 'time zone offset minute');
        if (hours && hours[0] > 24) return outOfRange(input, 'time zone offset hour');
        if (!hours || !minutes || (sign !== '+' && sign !== '-')) return bad();
        break;
      }
    }
  }
  if (value !== '') {
    return new GoTimeError(`parsing time ${quote(input)}: extra text: ${quote(value)}`);
  }
  if (day < 1 || day > daysIn(month, year)) return outOfRange(input, 'day');
  return undefined;
}
