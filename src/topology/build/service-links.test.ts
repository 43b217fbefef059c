import { describe, expect, it } from 'vitest';
import { callGroups, sidecarsOfService } from './service-links';

describe('sidecarsOfService', () => {
  const sidecars = new Map([
    ['search', []],
    ['api', []],
  ]);
  const alsoServes = new Map([['search', new Set(['search-admin', 'api'])]]);
  it.each([
    { service: 'search', expected: ['search'], why: 'its own sidecar' },
    {
      service: 'search-admin',
      expected: ['search'],
      why: 'no dataplane of its own: the one serving it, no copy',
    },
    {
      service: 'api',
      expected: ['api', 'search'],
      why: 'its own first, then another serving it too',
    },
    {
      service: 'called-only',
      expected: ['called-only'],
      why: 'served by none: an empty one of its own',
    },
  ])('$service: $why', ({ service, expected }) =>
    expect(sidecarsOfService({ sidecars, alsoServes }, service)).toEqual(expected),
  );
});

describe('callGroups with services sharing dataplanes', () => {
  it.each([
    {
      why: "a service served by another service's dataplanes is in its group, right after it",
      services: ['a', 'a-admin', 'search', 'search-admin'],
      calls: [] as [string, string[]][],
      together: [['search', ['search-admin']]] as [string, string[]][],
      groups: [['a'], ['a-admin'], ['search', 'search-admin']],
    },
    {
      why: 'with calls: callers first, the hosted service beside its host',
      services: ['api', 'admin', 'web'],
      calls: [['web', ['api']]] as [string, string[]][],
      together: [['api', ['admin']]] as [string, string[]][],
      groups: [['web', 'api', 'admin']],
    },
  ])('$why', ({ services, calls, together, groups }) => {
    const toMap = (entries: [string, string[]][]) =>
      new Map(entries.map(([k, v]) => [k, new Set(v)]));
    expect(callGroups(services, toMap(calls), toMap(together))).toEqual(groups);
  });
});
