import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { pathTo, ROUTES, type RouteName } from '../lib/paths';
import type { TokenStore } from '../ui/token';
import { appRoutes } from './router';

/** Awkward values, so encoding and routing are checked together. */
const SAMPLE: Record<string, string> = {
  mesh: 'mesh one',
  name: 'edge/1',
  service: 'web?v=2',
  kind: 'tcp',
  route: 'route#1',
};

// The route table keeps the store in an element's props; it is never read here.
const routes = appRoutes({} as TokenStore);

describe('the route table and the path builders', () => {
  it.each(Object.keys(ROUTES) as RouteName[])('a built %s path opens its own route', (name) => {
    const path = pathTo(name, SAMPLE as never);
    const matches = matchRoutes(routes, path) ?? [];
    const leaf = matches.at(-1);
    expect(leaf?.route.path).toBe(ROUTES[name]);
    for (const [param, value] of Object.entries(leaf?.params ?? {})) {
      expect(value).toBe(SAMPLE[param]);
    }
  });

  it('an unknown path falls to the not-found route', () => {
    expect(matchRoutes(routes, '/nowhere')?.at(-1)?.route.path).toBe('*');
  });
});
