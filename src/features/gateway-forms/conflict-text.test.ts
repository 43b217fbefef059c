import { describe, expect, it } from 'vitest';
import type { Resource } from '../../kuma/mutations/resource-version';
import type { Conflict, ConflictWhen } from '../../kuma/mutations/writes';
import { conflictText, conflictTitle } from './conflict-text';

const stored = { type: 'MeshGateway', mesh: 'default', name: 'edge' } as Resource;

function conflict(when: ConflictWhen, current: Resource | undefined, opened = true): Conflict {
  return {
    item: {
      resource: stored,
      label: 'MeshGateway edge',
      path: '/meshes/default/meshgateways/edge',
      ...(opened ? { base: { hash: '0' } } : {}),
      toField: (path) => path,
    },
    current,
    when,
  };
}

describe('conflictText', () => {
  it.each<[ConflictWhen, Resource | undefined, boolean, RegExp]>([
    ['before', stored, true, /changed on the control plane since you opened this form/],
    ['before', stored, false, /already exists on the control plane/],
    ['before', undefined, true, /deleted on the control plane since you opened this form/],
    ['refused', stored, true, /refused it \(409 Conflict\): nothing of yours was stored/],
    ['refused', undefined, true, /refused it \(409 Conflict\); it is gone now/],
    ['after', stored, true, /^MeshGateway edge was changed again right after your save/],
    ['after', undefined, true, /deleted right after your save/],
  ])('%s, stored now: %j, opened on a version: %s', (when, current, opened, text) => {
    expect(conflictText(conflict(when, current, opened))).toMatch(text);
  });
});

describe('conflictTitle', () => {
  it.each<[ConflictWhen[], string]>([
    [['before'], 'Changed since you opened this form'],
    [['before', 'after'], 'Changed by someone else at the same moment'],
    [['refused'], 'Changed by someone else at the same moment'],
  ])('%j → %s', (whens, title) => {
    expect(conflictTitle(whens.map((when) => conflict(when, stored)))).toBe(title);
  });
});
