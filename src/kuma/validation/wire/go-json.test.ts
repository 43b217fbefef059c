/**
 * Expected texts are what kuma-cp 2.6.15 and 2.14.3 answered (Go's `encoding/json`).
 */
import { describe, expect, it } from 'vitest';
import { decodeGoFloat, decodeGoInt, parseGoJson, plainValue } from './go-json';

describe('Go JSON numbers', () => {
  it('refuses a signed zero for an unsigned type', () => {
    expect(() => decodeGoInt('-0', 'uint32')).toThrow(
      'json: cannot unmarshal number -0 into Go value of type uint32',
    );
    expect(decodeGoInt('-0', 'int32')).toBe(0);
  });

  it('refuses a float out of its range', () => {
    expect(() => decodeGoFloat('1e400', 'float64')).toThrow(
      'json: cannot unmarshal number 1e400 into Go value of type float64',
    );
    expect(decodeGoFloat('1e39', 'float64')).toBe(1e39);
  });
});

describe('Go JSON strings', () => {
  it('reads an unpaired surrogate escape as U+FFFD, a pair as its rune', () => {
    expect(plainValue(parseGoJson('"a\\ud800b"'))).toBe('a\ufffdb');
    expect(plainValue(parseGoJson('"\\udc00"'))).toBe('\ufffd');
    expect(plainValue(parseGoJson('"\\ud800\\ud83d\\ude00"'))).toBe('\ufffd😀');
    expect(plainValue(parseGoJson('{"\\ud800":1}'))).toEqual({ '\ufffd': 1 });
  });
});
