import { describe, expect, it } from 'vitest';
import type { Finding } from '../../diagnosis';
import { findingsByNode } from './node-findings';

const finding = (severity: Finding['severity'], title: string, nodeIds: string[]) =>
  ({ severity, title, nodeIds }) as Finding;

describe('findingsByNode', () => {
  it('keeps the worst severity, counts and titles per node', () => {
    const byNode = findingsByNode([
      finding('info', 'a', ['gw']),
      finding('error', 'b', ['gw', 'svc']),
      finding('warning', 'c', ['svc']),
    ]);
    expect(byNode.get('gw')).toEqual({ severity: 'error', count: 2, titles: ['a', 'b'] });
    expect(byNode.get('svc')).toEqual({ severity: 'error', count: 2, titles: ['b', 'c'] });
    expect(byNode.has('other')).toBe(false);
  });
});
