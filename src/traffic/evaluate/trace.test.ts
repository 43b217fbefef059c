import { describe, expect, it } from 'vitest';
import { missingMesh, percent, stopped, Trace } from './trace';

describe('Trace', () => {
  it('keeps only the fields a step has, in order, and points a failure at its step', () => {
    const trace = new Trace();
    trace.add({ kind: 'gateway', outcome: 'pass', summary: 'found', detail: '' });
    const result = trace.fail(
      { kind: 'listener', outcome: 'warn', summary: 'none' },
      'connection-refused',
      0,
      'refused',
    );
    expect(result.steps).toEqual([
      { kind: 'gateway', outcome: 'pass', summary: 'found' },
      { kind: 'listener', outcome: 'fail', summary: 'none' },
    ]);
    expect(result.verdict).toEqual({
      status: 0,
      kind: 'connection-refused',
      failingStep: 1,
      message: 'refused',
    });
    expect(result).not.toHaveProperty('listener');
  });

  it.each([
    ['a finished trace', new Trace().finish({ status: 200, kind: 'ok', message: '' }), true],
    ['a stage result', { next: { anything: 1 } }, false],
  ])('stopped(%s) is %s', (_label, stage, expected) => {
    expect(stopped(stage)).toBe(expected);
  });

  it.each([
    [1, '100%'],
    [1 / 3, '33.3%'],
    [0, '0%'],
  ])('percent(%d) = %s', (share, text) => {
    expect(percent(share)).toBe(text);
  });

  it.each([
    [[], 'The snapshot has no meshes.'],
    [['a', 'b'], 'Known meshes: a, b.'],
  ])('a missing mesh names the known ones: %j', (names, detail) => {
    const snapshot = { meshes: names.map((name) => ({ mesh: { type: 'Mesh', name } })) };
    const result = missingMesh(new Trace(), 'x', snapshot as never);
    expect(result.steps[0]?.detail).toBe(detail);
    expect(result.verdict.kind).toBe('connection-refused');
  });
});
