/**
 * Expected texts are what kuma-cp 2.6.15 and 2.14.3 answered to a PUT with these labels.
 */
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import { validateLabelSyntax } from './labels';

const v214 = parseKumaVersion('2.14.3');
const v26 = parseKumaVersion('2.6.15');

const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const KEY_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

const long = 'a'.repeat(64);
const longPrefix = `${'b'.repeat(254)}/x`;
const labels = { a: '-bad-', [long]: 'x', [longPrefix]: 'y', 'a/b/c': 'z', v: long };
const field = (key: string) => `labels[${JSON.stringify(key)}]`;

describe('validateLabelSyntax', () => {
  it('words lengths in bytes from 2.14', () => {
    expect(validateLabelSyntax(labels, v214)).toEqual([
      { field: field('a'), message: VALUE_RULE },
      { field: field('a/b/c'), message: `a valid label key ${KEY_RULE}` },
      { field: field(long), message: 'name part must be no more than 63 bytes' },
      { field: field(longPrefix), message: 'prefix part must be no more than 253 bytes' },
      { field: field('v'), message: 'must be no more than 63 bytes' },
    ]);
  });

  it('words them in characters, and says "qualified name", in 2.6', () => {
    expect(validateLabelSyntax(labels, v26)).toEqual([
      { field: field('a'), message: VALUE_RULE },
      { field: field('a/b/c'), message: `a qualified name ${KEY_RULE}` },
      { field: field(long), message: 'name part must be no more than 63 characters' },
      { field: field(longPrefix), message: 'prefix part must be no more than 253 characters' },
      { field: field('v'), message: 'must be no more than 63 characters' },
    ]);
  });
});
