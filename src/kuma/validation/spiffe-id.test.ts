import { describe, expect, it } from 'vitest';
import { spiffeIdError } from './spiffe-id';

// go-spiffe's `spiffeid.FromString` (the reasons in spiffeid/errors.go).
const cases: [id: string, expected: string | undefined][] = [
  ['spiffe://trust.domain/service', undefined],
  ['spiffe://trust.domain', undefined],
  ['', 'cannot be empty'],
  ['trust.domain/service', 'scheme is missing or invalid'],
  ['spiffe:///service', 'trust domain is missing'],
  [
    'spiffe://Trust/service',
    'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores',
  ],
  ['spiffe://td/a//b', 'path cannot contain empty segments'],
  ['spiffe://td/a/../b', 'path cannot contain dot segments'],
  ['spiffe://td/a/', 'path cannot have a trailing slash'],
  [
    'spiffe://td/a$b',
    'path segment characters are limited to letters, numbers, dots, dashes, and underscores',
  ],
];

describe('spiffeIdError', () => {
  it.each(cases)('%s', (id, expected) => {
    expect(spiffeIdError(id)).toBe(expected);
  });
});
