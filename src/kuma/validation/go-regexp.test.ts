/**
 * Expected texts are what Go 1.26's `regexp.Compile` returned for each pattern (the toolchain
 * the kuma-cp binaries are built with).
 */
import { describe, expect, it } from 'vitest';
import { goRegexpError } from './go-regexp';

const compiles: string[] = [
  'http2_act.*',
  '^*',
  '()*',
  '\\Qab',
  '(?<n>a)',
  '\\p{Greek}',
  '\\p{cased letter}',
  '[[:^digit:]]',
  '[]a]',
  '(?i)a',
];

const refused: [pattern: string, error: string][] = [
  ['(', 'error parsing regexp: missing closing ): `(`'],
  ['a)', 'error parsing regexp: unexpected ): `a)`'],
  ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
  ['a*?*', 'error parsing regexp: invalid nested repetition operator: `*?*`'],
  ['x{2}{3}', 'error parsing regexp: invalid nested repetition operator: `{2}{3}`'],
  ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ['(a{100}){100}', 'error parsing regexp: invalid repeat count: `{100}`'],
  ['x{3,1}', 'error parsing regexp: invalid repeat count: `{3,1}`'],
  ['*', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['a|*', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['(?i)*', 'error parsing regexp: missing argument to repetition operator: `*`'],
  ['\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
  ['\\8', 'error parsing regexp: invalid escape sequence: `\\8`'],
  ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
  ['\\x{110000}', 'error parsing regexp: invalid escape sequence: `\\x{110000`'],
  ['\\x{}', 'error parsing regexp: invalid escape sequence: `\\x{}`'],
  ['\\xg', 'error parsing regexp: invalid escape sequence: `\\xg`'],
  ['[a', 'error parsing regexp: missing closing ]: `[a`'],
  ['[]', 'error parsing regexp: missing closing ]: `[]`'],
  ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
  ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
  ['\\p{Old_Italic}', 'error parsing regexp: invalid character class range: `\\p{Old_Italic}`'],
  ['\\pX', 'error parsing regexp: invalid character class range: `\\pX`'],
  ['(?z)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?z`'],
  ['(?P<>a)', 'error parsing regexp: invalid named capture: `(?P<>`'],
  ['(?P>a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?P`'],
  ["(?'n'a)", "error parsing regexp: invalid or unsupported Perl syntax: `(?'`"],
  ['[\\b]', 'error parsing regexp: invalid escape sequence: `\\b`'],
];

describe('goRegexpError', () => {
  it.each(compiles)('%s compiles', (pattern) => {
    expect(goRegexpError(pattern)).toBeUndefined();
  });

  it.each(refused)('%s is refused', (pattern, error) => {
    expect(goRegexpError(pattern)).toBe(error);
  });
});
