import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options';
import { loadScenario } from './scenarios';
import { EndpointLists } from './traffic-plans';
import { World } from './world';

function world(): World {
  const built = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
  loadScenario(built, 'mixed');
  return built;
}

const a = { mesh: 'm', name: 'a', online: true };
const b = { mesh: 'm', name: 'b', online: true };
const aElsewhere = { mesh: 'n', name: 'a', online: true };

describe('EndpointLists', () => {
  it.each([
    ['the same endpoints in fresh objects', [a, b], [{ ...a }, { ...b }], true],
    ['the same endpoints in another order', [a, b], [b, a], false],
    ['one endpoint fewer', [a, b], [a], false],
    ['a name in another mesh', [a], [aElsewhere], false],
    ['no endpoints twice', [], [], true],
  ])('%s: shared %s', (_, first, second, shared) => {
    const lists = new EndpointLists(world());
    expect(lists.intern(first) === lists.intern(second)).toBe(shared);
  });

  it('keeps mesh and name only, each endpoint one object across lists', () => {
    const lists = new EndpointLists(world());
    const both = lists.intern([a, b]);
    const alone = lists.intern([{ ...b }]);
    expect(both.online).toEqual([
      { mesh: 'm', name: 'a' },
      { mesh: 'm', name: 'b' },
    ]);
    expect(alone.online[0]).toBe(both.online[1]);
  });

  it('starts over after a write: a proxy written again is a new object', () => {
    const target = world();
    const lists = new EndpointLists(target);
    const before = lists.intern([a]);
    before.targets = { service: 's', of: [undefined] };
    target.store.version += 1;
    const after = lists.intern([a]);
    expect(after).not.toBe(before);
    expect(after.targets).toBeUndefined();
    expect(lists.size).toBe(1);
  });
});
