import { describe, expect, it } from 'vitest';
import type { MeshService, MeshServiceSpec } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { validateMeshService } from './mesh-service';
import type { Violation } from './violations';

const ctx: ValidationContext = { version: parseKumaVersion('2.14.3') };

const meshService = (spec: MeshServiceSpec, name = 'redis'): MeshService => ({
  type: 'MeshService',
  mesh: 'default',
  name,
  spec,
});

type Case = [description: string, s: MeshService, expected: Violation[]];

const valid: Case[] = [
  [
    'ports and a tag selector',
    meshService({
      selector: { dataplaneTags: { app: 'redis' } },
      ports: [{ port: 6379, targetPort: 6379, appProtocol: 'tcp' }],
    }),
    [],
  ],
  ['a 63-character name', meshService({ ports: [{ port: 1 }] }, 'a'.repeat(63)), []],
];

// kuma-cp's validator says nothing about ports: the schema requires `port` and types it.
const portsUnchecked: Case[] = [
  ['no ports', meshService({ ports: [] }), []],
  ['ports missing', meshService({}), []],
  ['ports out of range', meshService({ ports: [{ port: 0 }, { port: 70000 }] }), []],
];

const invalid: Case[] = [
  [
    'a 64-character name',
    meshService({ ports: [{ port: 1 }] }, 'a'.repeat(64)),
    [{ field: 'name', message: 'must not be longer than 63 characters' }],
  ],
  [
    'two selectors',
    meshService({
      selector: { dataplaneTags: { app: 'redis' }, dataplaneRef: { name: 'dp-1' } },
      ports: [{ port: 6379 }],
    }),
    [
      {
        field: 'spec.selector',
        message: 'must specify only one of: dataplaneTags, dataplaneRef, or dataplaneLabels',
      },
    ],
  ],
];

describe('validateMeshService', () => {
  it.each(valid)('valid: %s', (_description, s, expected) => {
    expect(validateMeshService(s, ctx)).toEqual(expected);
  });

  it.each(portsUnchecked)('ports are not validated: %s', (_description, s, expected) => {
    expect(validateMeshService(s, ctx)).toEqual(expected);
  });

  it.each(invalid)('invalid: %s', (_description, s, expected) => {
    expect(validateMeshService(s, ctx)).toEqual(expected);
  });

  it('before 2.14 (no dataplaneLabels yet) several selectors pass', () => {
    const s = meshService({
      selector: { dataplaneTags: { app: 'redis' }, dataplaneRef: { name: 'dp-1' } },
    });
    expect(validateMeshService(s, { version: parseKumaVersion('2.13.0') })).toEqual([]);
  });

  it('checks the display name of a synced MeshService, not its hashed name', () => {
    const s = {
      ...meshService({ ports: [{ port: 1 }] }, `${'a'.repeat(60)}-abcdef123456`),
      labels: { 'kuma.io/display-name': 'short' },
    };
    expect(validateMeshService(s, ctx)).toEqual([]);
  });
});
