import { describe, expect, it } from 'vitest';
import {
  hostnamesTakenByMoreExactListeners,
  indexedListeners,
  ownerOfHostname,
  selectListener,
} from './listener-selection';
import { meshGateway } from './test-fixtures';

// The docs' "isolated listeners" example plus an HTTPS listener and a catch-all on another port.
const gateway = meshGateway('edge', [
  { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com', tags: { hostname: 'foo' } },
  { port: 8080, protocol: 'HTTP', hostname: '*.example.com', tags: { hostname: 'wild' } },
  { port: 8443, protocol: 'HTTPS', hostname: 'foo.example.com' },
  { port: 9090, protocol: 'HTTP' },
]);

describe('selectListener: the most exact hostname on the port wins', () => {
  it.each([
    { port: 8080, host: 'foo.example.com', selected: 0, shadowed: [1] },
    { port: 8080, host: 'FOO.example.com:8080', selected: 0, shadowed: [1] },
    { port: 8080, host: 'bar.example.com', selected: 1, shadowed: [] },
    { port: 8080, host: 'a.b.example.com', selected: 1, shadowed: [] },
    { port: 8080, host: 'example.com', selected: undefined, shadowed: [] },
    { port: 8443, host: 'foo.example.com', selected: 2, shadowed: [] },
    { port: 8443, host: 'bar.example.com', selected: undefined, shadowed: [] },
    { port: 9090, host: 'anything.io', selected: 3, shadowed: [] },
    { port: 7000, host: 'foo.example.com', selected: undefined, shadowed: [] },
  ])('port $port host $host → listener $selected', ({ port, host, selected, shadowed }) => {
    const selection = selectListener(gateway, port, host);
    expect(selection.selected?.index).toBe(selected);
    expect(selection.shadowed.map((l) => l.index)).toEqual(shadowed);
    expect(selection.reason.length).toBeGreaterThan(10);
  });

  it('explains a port nothing listens on, naming the ports that exist', () => {
    expect(selectListener(gateway, 7000, 'x').reason).toContain('8080, 8443, 9090');
  });

  it('copes with a gateway without conf', () => {
    expect(selectListener({}, 8080, 'x').onPort).toEqual([]);
    expect(indexedListeners(undefined)).toEqual([]);
  });
});

describe('hosts removed from less exact listeners', () => {
  const listeners = indexedListeners(gateway).filter((l) => l.port === 8080);
  const [foo, wild] = listeners;

  it('the wildcard listener loses foo.example.com to the exact listener', () => {
    if (!foo || !wild) throw new Error('fixture');
    expect(hostnamesTakenByMoreExactListeners(wild, listeners)).toEqual(['foo.example.com']);
    expect(hostnamesTakenByMoreExactListeners(foo, listeners)).toEqual([]);
  });

  it.each([
    { hostname: 'foo.example.com', owner: 0 },
    { hostname: 'dev.example.com', owner: undefined },
    { hostname: '*.example.com', owner: undefined },
  ])('on the wildcard listener, $hostname is owned by listener $owner', ({ hostname, owner }) => {
    if (!wild) throw new Error('fixture');
    expect(ownerOfHostname(hostname, wild, listeners)?.index).toBe(owner);
  });
});
