import { describe, expect, it } from 'vitest';
import { mermaidPatch, patchHooks } from './mermaid-patch';

const chunkId = '/app/node_modules/mermaid/dist/chunks/mermaid.core/chunk-X.mjs';
const patch = () =>
  patchHooks(
    mermaidPatch({
      name: 'test-patch',
      replacements: [
        { theirs: 'var a = 1;', ours: 'var a = 10;' },
        { theirs: 'var b = 2;', ours: 'var b = 20;' },
      ],
      appended: 'function added() {}',
      missing: 'the test code was not found',
    }),
  );

describe('a mermaid patch', () => {
  it('replaces each piece once in the mermaid module that has them all, and appends its code', () => {
    const { transform } = patch();
    expect(transform('var a = 1;\nvar b = 2;\nvar a = 1;', chunkId)?.code).toBe(
      'var a = 10;\nvar b = 20;\nvar a = 1;\nfunction added() {}\n',
    );
  });

  it.each([
    ['a module outside mermaid', 'var a = 1;\nvar b = 2;', '/app/src/other.ts'],
    ['a mermaid module with only some of the pieces', 'var a = 1;', chunkId],
    ['a mermaid module with none', 'var c = 3;', chunkId],
  ])('leaves %s alone', (_name, code, id) => {
    expect(patch().transform(code, id)).toBeUndefined();
  });

  it('fails the build when no module had them, and only then', () => {
    const unpatched = patch();
    unpatched.transform('var a = 1;', chunkId);
    expect(() => unpatched.buildEnd()).toThrow('the test code was not found');
    // A build that failed anyway is not blamed on it.
    expect(() => unpatched.buildEnd(new Error('other'))).not.toThrow();
    const patched = patch();
    patched.transform('var a = 1;\nvar b = 2;', chunkId);
    expect(() => patched.buildEnd()).not.toThrow();
  });
});
