import { describe, expect, it } from 'vitest';
import { rfc3339Error } from './go-time';

const AS = 'as "2006-01-02T15:04:05Z07:00"';

// The reasons kuma-cp 2.6.15 gave for these creationTime values.
const cases: [value: string, expected: string | undefined][] = [
  ['2024-01-01T00:00:00Z', undefined],
  ['2024-01-01T00:00:00.5+01:00', undefined],
  ['x', `parsing time "x" ${AS}: cannot parse "x" as "2006"`],
  ['2024-01-01T00:00:00', `parsing time "2024-01-01T00:00:00" ${AS}: cannot parse "" as "Z07:00"`],
  [
    '2024-01-01 00:00:00Z',
    `parsing time "2024-01-01 00:00:00Z" ${AS}: cannot parse " 00:00:00Z" as "T"`,
  ],
  [
    '2024-01-01t00:00:00z',
    `parsing time "2024-01-01t00:00:00z" ${AS}: cannot parse "t00:00:00z" as "T"`,
  ],
  [
    '2024-1-01T00:00:00Z',
    `parsing time "2024-1-01T00:00:00Z" ${AS}: cannot parse "1-01T00:00:00Z" as "01"`,
  ],
  ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
  ['2024-02-30T00:00:00Z', 'parsing time "2024-02-30T00:00:00Z": day out of range'],
  [
    '2024-01-01T00:00:00+01:61',
    'parsing time "2024-01-01T00:00:00+01:61": time zone offset minute out of range',
  ],
  ['2024-01-01T00:00:00Zx', 'parsing time "2024-01-01T00:00:00Zx": extra text: "x"'],
];

describe('rfc3339Error', () => {
  it.each(cases)('%s', (value, expected) => {
    expect(rfc3339Error(value)?.message).toBe(expected);
  });
});
