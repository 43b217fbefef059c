/**
 * Expected answers are what Go 1.26's `url.ParseRequestURI` returned for each string, with its
 * default `urlstrictcolons` and with `urlstrictcolons=0` (the default for a go 1.22 module).
 */
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import { isValidRequestURI } from './go-url';

/** Built with go 1.26 in its go.mod (strict colons) and with go 1.22 (lenient). */
const strict = parseKumaVersion('2.14.3');
const lenient = parseKumaVersion('2.6.15');

const accepted: string[] = [
  '/healthz',
  '*',
  '/a%41',
  'mailto:x%zz',
  'http://h/x',
  'http://[::1]:80/x?y',
  'http://[fe80::1%25en0]/x',
  'http://u:p@h/',
  'HTTP://X:1/',
  '/a?b?c',
  '/?',
  '//x',
];

const refused: string[] = [
  '+x:/y',
  '',
  'healthz',
  ':x',
  '/a%zz',
  '/a\u0001',
  'http://[1.2.3.4]/x',
  'http://[fe80::1%25]/x',
  'http://u%zz@h/',
  'http://h%41/',
  'http://h h/',
  'http://x[::1]/',
  'http://h:8a/',
  'http://[::1/x',
  'http://u é@h/',
];

describe('isValidRequestURI', () => {
  it.each(accepted)('%j is a request URI', (raw) => {
    expect(isValidRequestURI(raw, strict)).toBe(true);
  });

  it.each(refused)('%j is not a request URI', (raw) => {
    expect(isValidRequestURI(raw, strict)).toBe(false);
  });

  it.each([
    ['http://a:b:80/x', false, true],
    ['https://a:b:80/x', false, true],
    ['redis://a:b:80/x', true, true],
  ] as const)('%j: strict colons %s, lenient %s', (raw, withStrict, withLenient) => {
    expect(isValidRequestURI(raw, strict)).toBe(withStrict);
    expect(isValidRequestURI(raw, lenient)).toBe(withLenient);
  });
});
