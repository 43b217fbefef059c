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

const invalid: Case[] = [
  ['no ports', meshService({ ports: [] }), [{ field: 'spec.ports', message: 'must not be empty' }]],
  ['ports missing', meshService({}), [{ field: 'spec.ports', message: 'must not be empty' }]],
  [
    'ports out of range',
    meshService({ ports: [{ port: 0 }, { port: 70000 }] }),
    [
      { field: 'spec.ports[0].port', message: 'port must be in the range [1, 65535]' },
      { field: 'spec.ports[1].port', message: 'port must be in the range [1, 65535]' },
    ],
  ],
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

  it.each(invalid)('invalid: %s', (_description, s, expected) => {
    expect(validateMeshService(s, ctx)).toEqual(expected);
  });

  it('checks the display name of a synced MeshService, not its hashed name', () => {
    const s = {
      ...meshService({ ports: [{ port: 1 }] }, `${'a'.repeat(60)}-abcdef123456`),
      labels: { 'kuma.io/display-name': 'short' },
    };
    expect(validateMeshService(s, ctx)).toEqual([]);
  });
});
