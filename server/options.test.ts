import { describe, expect, it } from 'vitest';
import { parseServerOptions } from './options';

describe('parseServerOptions', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['  \n', undefined],
    [' abc.def \n', 'abc.def'],
  ])('KUMA_CP_TOKEN %j → %j (a blank one is no token)', (value, token) => {
    const env = value === undefined ? {} : { KUMA_CP_TOKEN: value };
    expect(parseServerOptions(['--skip-build'], env).upstreamToken).toBe(token);
  });

  it.each([
    ['dash.corp, http://dash.lan:8080', ['dash.corp', 'http://dash.lan:8080']],
    ['', []],
  ])('ALLOWED_HOSTS %j', (value, hosts) => {
    expect(parseServerOptions([], { ALLOWED_HOSTS: value }).allowedHosts).toEqual(hosts);
  });

  it('refuses to start with an ALLOWED_HOSTS entry that is neither a name nor an origin', () => {
    expect(() =>
      parseServerOptions([], { ALLOWED_HOSTS: 'dash.corp, https://dash.corp/app' }),
    ).toThrow('ALLOWED_HOSTS entry "https://dash.corp/app"');
  });
});
