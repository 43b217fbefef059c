import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KumaApi } from '../../kuma/queries/api';
import { prefetchTopologyScreen } from './topology-prefetch';
import { prefetchTopology } from './topology-queries';
import { loadDiagnosis } from './view-code';

vi.mock('./view-code', () => ({
  loadViewCode: vi.fn(),
  loadDiagnosis: vi.fn(() => Promise.resolve({})),
}));
vi.mock('./topology-queries', () => ({ prefetchTopology: vi.fn() }));

const api = Promise.resolve({} as KumaApi);

describe('prefetchTopologyScreen and the diagnosis rules', () => {
  beforeEach(() => vi.clearAllMocks());

  it.each([
    { search: '', expanded: ['mesh-01'], loads: true },
    { search: 'tab=interactive', expanded: ['a', 'b'], loads: true },
    // Every mesh folded: no badge to compute.
    { search: '', expanded: [], loads: false },
    // The mermaid tab never runs the rules.
    { search: 'tab=mermaid&mesh=mesh-01', expanded: ['mesh-01'], loads: false },
  ])(
    '?$search with $expanded.length mesh(es) drawn in full: loads them $loads',
    async ({ search, expanded, loads }) => {
      vi.mocked(prefetchTopology).mockResolvedValue({ expanded });
      await prefetchTopologyScreen(new QueryClient(), api, new URLSearchParams(search));
      expect(vi.mocked(loadDiagnosis).mock.calls.length).toBe(loads ? 1 : 0);
    },
  );
});
