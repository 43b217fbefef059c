import { describe, expect, it } from 'vitest';
import type { MeshGateway } from '../../kuma/types';
import {
  missingSecretMessage,
  missingSecretWarnings,
  type SecretListState,
  secretListNote,
} from './secret-check';

function gateway(
  listeners: NonNullable<MeshGateway['conf']>['listeners'],
): Pick<MeshGateway, 'conf'> {
  return { conf: { listeners } };
}

const https = (
  certificates: { secret?: string; file?: string }[],
  mode?: 'TERMINATE' | 'PASSTHROUGH',
) =>
  gateway([
    { port: 80, protocol: 'HTTP' },
    { port: 443, protocol: 'HTTPS', tls: { ...(mode ? { mode } : {}), certificates } },
  ]);

describe('missingSecretWarnings', () => {
  it.each([
    {
      name: 'a missing secret, on its exact path',
      gateway: https([{ secret: 'shop-cert' }, { secret: 'gone' }]),
      names: ['shop-cert'],
      warnings: [
        {
          field: 'conf.listeners[1].tls.certificates[1].secret',
          message: missingSecretMessage('gone', 'default'),
        },
      ],
    },
    {
      name: 'every secret exists',
      gateway: https([{ secret: 'shop-cert' }]),
      names: ['shop-cert'],
      warnings: [],
    },
    {
      name: 'names not readable: no judgement',
      gateway: https([{ secret: 'x' }]),
      names: undefined,
      warnings: [],
    },
    {
      name: 'a blank row is left to the validator',
      gateway: https([{ secret: '' }]),
      names: [],
      warnings: [],
    },
    { name: 'a file is no secret', gateway: https([{ file: '/c.pem' }]), names: [], warnings: [] },
    {
      name: 'passthrough holds no certificate',
      gateway: https([{ secret: 'x' }], 'PASSTHROUGH'),
      names: [],
      warnings: [],
    },
  ])('$name', ({ gateway: resource, names, warnings }) => {
    expect(missingSecretWarnings(resource, 'default', names)).toEqual(warnings);
  });

  it('says which secret and which mesh', () => {
    expect(missingSecretMessage('shop-cert', 'payments')).toMatch(
      /^no secret named shop-cert in mesh payments: /,
    );
  });
});

describe('secretListNote', () => {
  const cases: { name: string; state: SecretListState; mesh?: string; note: string | undefined }[] =
    [
      { name: 'loading', state: { status: 'pending' }, note: undefined },
      {
        name: 'several secrets',
        state: { status: 'success', data: { readable: true, mesh: 'm', names: ['a', 'b'] } },
        note: '2 secrets in mesh m: pick one or type a name.',
      },
      {
        name: 'one secret',
        state: { status: 'success', data: { readable: true, mesh: 'm', names: ['a'] } },
        note: '1 secret in mesh m: pick one or type a name.',
      },
      {
        name: 'none yet',
        state: { status: 'success', data: { readable: true, mesh: 'm', names: [] } },
        note: 'Mesh m has no secrets yet: type the name of the one you will create.',
      },
      {
        name: '403: free text, saying why',
        state: {
          status: 'success',
          data: {
            readable: false,
            mesh: 'm',
            status: 403,
            reason: 'listing secrets needs an admin token',
          },
        },
        note: "Type the secret's name: listing secrets needs an admin token.",
      },
      {
        name: 'a failed request',
        state: { status: 'error', message: 'timed out' },
        note: "Type the secret's name: the secrets of mesh m could not be listed (timed out).",
      },
      {
        name: 'no mesh chosen',
        state: { status: 'pending' },
        mesh: '',
        note: 'Choose the mesh first to pick from its secrets.',
      },
    ];
  it.each(cases)('$name', ({ state, mesh, note }) => {
    expect(secretListNote(state, mesh ?? 'm')).toBe(note);
  });
});
