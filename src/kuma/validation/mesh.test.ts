import { describe, expect, it } from 'vitest';
import type { Mesh } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { isMtlsEnabled, validateMesh } from './mesh';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v214 = v('2.14.3');

const mesh = (extra: Partial<Mesh> = {}): Mesh => ({ type: 'Mesh', name: 'default', ...extra });
const builtinCa = { name: 'ca-1', type: 'builtin' };

type Case = [description: string, m: Mesh, ctx: ValidationContext, expected: Violation[]];

const valid: Case[] = [
  ['no mTLS', mesh(), v214, []],
  [
    'mTLS with its backend',
    mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa] } }),
    v214,
    [],
  ],
  ['a backend that is not enabled', mesh({ mtls: { backends: [builtinCa] } }), v214, []],
  ['meshServices.mode Exclusive', mesh({ meshServices: { mode: 'Exclusive' } }), v214, []],
  [
    'zone egress with mTLS',
    mesh({
      mtls: { enabledBackend: 'ca-1', backends: [builtinCa] },
      routing: { zoneEgress: true },
    }),
    v214,
    [],
  ],
];

const invalid: Case[] = [
  [
    'enabledBackend naming no backend',
    mesh({ mtls: { enabledBackend: 'ca-2', backends: [builtinCa] } }),
    v214,
    [{ field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' }],
  ],
  [
    'enabledBackend without backends',
    mesh({ mtls: { enabledBackend: 'ca-1' } }),
    v214,
    [{ field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' }],
  ],
  [
    'two backends with one name',
    mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa, builtinCa] } }),
    v214,
    [
      { field: 'mtls.backends', message: 'cannot have more than 1 backends' },
      {
        field: 'mtls.backends[1].name',
        message: '"ca-1" name is already used for another backend',
      },
    ],
  ],
  [
    'zone egress without mTLS',
    mesh({ routing: { zoneEgress: true } }),
    v214,
    [{ field: 'mtls', message: 'has to be set when zoneEgress enabled' }],
  ],
  [
    'meshServices.mode outside the enum (2.12)',
    mesh({ meshServices: { mode: 'Sometimes' as never } }),
    v('2.12.0'),
    [{ field: 'meshServices.mode', message: 'value is not supported' }],
  ],
  [
    'meshServices.mode outside the enum (2.13+)',
    mesh({ meshServices: { mode: 'Sometimes' as never } }),
    v214,
    [{ field: 'meshServices.mode', message: "value 'Sometimes' is not supported" }],
  ],
];

describe('validateMesh', () => {
  it.each(valid)('valid: %s', (_description, m, ctx, expected) => {
    expect(validateMesh(m, ctx)).toEqual(expected);
  });

  it.each(invalid)('invalid: %s', (_description, m, ctx, expected) => {
    expect(validateMesh(m, ctx)).toEqual(expected);
  });

  it.each([
    [mesh(), false],
    [mesh({ mtls: { backends: [builtinCa] } }), false],
    [mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa] } }), true],
    [undefined, false],
  ] as const)('isMtlsEnabled(%j) is %s', (m, expected) => {
    expect(isMtlsEnabled(m)).toBe(expected);
  });
});
