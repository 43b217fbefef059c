import { describe, expect, it } from 'vitest';
import { type ConfShape, mergeConfs } from './merge';

/**
 * Kuma's `pkg/plugins/policies/core/rules/merge/merge_test.go` ("merge confs"), with its Go
 * structs written as the JSON Go marshals them: untagged fields keep their Go names, nil slices
 * and pointers without `omitempty` print as `null`.
 */
const shape: ConfShape = {
  appendFields: [
    { path: ['AppendStrings'], declared: 'slice' },
    { path: ['AppendPointerToStrings'], declared: 'pointer' },
    { path: ['AppendPointerToStructs'], declared: 'pointer' },
    { path: ['Sub', 'AppendInts'], declared: 'slice' },
    { path: ['subPtr', 'AppendInts'], declared: 'slice' },
  ],
};

const policy = (fields: Record<string, unknown>) => ({
  Strings: null,
  AppendStrings: null,
  AppendPointerToStrings: null,
  AppendPointerToStructs: null,
  Sub: { Ints: null, AppendInts: null },
  ...fields,
});

describe('mergeConfs', () => {
  it.each([
    {
      name: 'should replace slices by default but append slices that start with append',
      confs: [
        policy({
          fieldString: 'p1',
          Strings: ['p1'],
          AppendStrings: ['p1'],
          AppendPointerToStrings: ['p1'],
          Sub: { Ints: [1], AppendInts: [1] },
          subPtr: { Ints: [1], AppendInts: [1] },
        }),
        policy({
          fieldString: 'p2',
          Strings: ['p2'],
          AppendStrings: ['p2'],
          AppendPointerToStrings: ['p2'],
          AppendPointerToStructs: [{ value: 's1' }],
          Sub: { Ints: [2], AppendInts: [2] },
          subPtr: { Ints: [2], AppendInts: [2] },
        }),
        policy({
          Strings: ['p3'],
          AppendStrings: ['p3'],
          AppendPointerToStrings: ['p3'],
          AppendPointerToStructs: [{ value: 's2' }],
          Sub: { Ints: [3], AppendInts: [3] },
          subPtr: { Ints: [3], AppendInts: [3] },
        }),
      ],
      expected: policy({
        fieldString: 'p2',
        Strings: ['p3'],
        AppendStrings: ['p1', 'p2', 'p3'],
        AppendPointerToStrings: ['p1', 'p2', 'p3'],
        AppendPointerToStructs: [{ value: 's1' }, { value: 's2' }],
        Sub: { Ints: [3], AppendInts: [1, 2, 3] },
        subPtr: { Ints: [3], AppendInts: [1, 2, 3] },
      }),
    },
    {
      name: 'should handle nils on destination side',
      confs: [
        policy({
          fieldString: 'p1',
          Strings: ['p1'],
          AppendStrings: ['p1'],
          Sub: { Ints: [1], AppendInts: [1] },
          subPtr: { Ints: [1], AppendInts: [1] },
        }),
        policy({ fieldString: 'p2' }),
      ],
      expected: policy({
        fieldString: 'p2',
        AppendStrings: ['p1'],
        Sub: { Ints: null, AppendInts: [1] },
        subPtr: { Ints: [1], AppendInts: [1] },
      }),
    },
    {
      name: 'should handle nils on source side',
      confs: [
        policy({ fieldString: 'p1' }),
        policy({
          fieldString: 'p2',
          Sub: { Ints: null, AppendInts: [2] },
          subPtr: { Ints: null, AppendInts: [2] },
        }),
        policy({ fieldString: 'p3', subPtr: { Ints: [3], AppendInts: null } }),
        policy({
          fieldString: 'p4',
          Strings: ['4'],
          AppendStrings: ['4'],
          Sub: { Ints: [4], AppendInts: [4] },
          subPtr: { Ints: [4], AppendInts: [4] },
        }),
      ],
      expected: policy({
        fieldString: 'p4',
        Strings: ['4'],
        AppendStrings: ['4'],
        Sub: { Ints: [4], AppendInts: [2, 4] },
        subPtr: { Ints: [4], AppendInts: [2, 4] },
      }),
    },
  ])('$name', ({ confs, expected }) => {
    expect(mergeConfs(confs, shape)).toEqual([expected]);
  });

  it('gives nothing for no confs', () => {
    expect(mergeConfs([])).toEqual([]);
  });
});
