import { describe, expect, it } from 'vitest';
import { KumaApiError, type KumaErrorKind } from '../kuma/client';
import { isBlip } from './providers';

const error = (kind: KumaErrorKind, status: number) =>
  new KumaApiError({ kind, status, message: 'x', path: '/meshes' });

describe('isBlip (one quick retry)', () => {
  it.each<[string, unknown, boolean]>([
    ['a refused connection', error('network', 0), true],
    ['a 500', error('http', 500), true],
    ['a 503', error('http', 503), true],
    ['a malformed body', error('malformed', 200), true],
    ['something else thrown', new TypeError('x'), true],
    ['a time-out', error('timeout', 0), false],
    ['the server: unreachable (502)', error('http', 502), false],
    ['the server: no answer in time (504)', error('http', 504), false],
    ['a 401', error('http', 401), false],
    ['a 404', error('http', 404), false],
  ])('%s → %s', (_name, thrown, expected) => {
    expect(isBlip(thrown)).toBe(expected);
  });
});
