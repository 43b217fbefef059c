import { describe, expect, it } from 'vitest';
import {
  type BuiltChunk,
  type Bundle,
  beforeFirstResource,
  earlyRequestsScript,
  routeFiles,
} from './early-requests';

function chunk(fileName: string, imports: string[], facade?: string, isEntry = false): BuiltChunk {
  return { type: 'chunk', fileName, imports, facadeModuleId: facade ?? null, isEntry };
}

const BUNDLE: Bundle = {
  'index.js': chunk('index.js', ['paths.js'], '/app/src/main.tsx', true),
  'paths.js': chunk('paths.js', []),
  'prefetch.js': chunk('prefetch.js', ['queries.js', 'index.js'], '/app/src/prefetch.ts'),
  'queries.js': chunk('queries.js', ['schemas.js', 'paths.js']),
  'schemas.js': chunk('schemas.js', ['queries.js']),
  'page.js': chunk('page.js', ['queries.js'], '/app/src/page.tsx'),
  'index.css': { type: 'asset' },
};

describe('routeFiles', () => {
  it("lists a route module's chunk and what it imports, less what the entry loads anyway", () => {
    expect(routeFiles(BUNDLE, { '/topology': '/app/src/prefetch.ts' })).toEqual({
      '/topology': ['prefetch.js', 'queries.js', 'schemas.js'],
    });
  });

  it('refuses a module no chunk is built from (a renamed file would silently preload nothing)', () => {
    expect(() => routeFiles(BUNDLE, { '/x': '/app/src/gone.ts' })).toThrow(/gone\.ts/);
  });
});

interface Link {
  rel: string;
  href: string;
  as?: string;
  crossOrigin?: string;
}

/** Runs the inline script as a page would, with the given path and stored token. */
function run(
  script: string,
  pathname: string,
  stored: string | null | 'throws',
): { links: Link[] } {
  const links: Link[] = [];
  const document = {
    createElement: () => ({}) as Link,
    head: { appendChild: (link: Link) => links.push({ ...link }) },
  };
  const sessionStorage = {
    getItem: () => {
      if (stored === 'throws') throw new Error('storage is disabled');
      return stored;
    },
  };
  new Function('document', 'location', 'sessionStorage', script)(
    document,
    { pathname },
    sessionStorage,
  );
  return { links };
}

const REQUESTS = {
  fetches: ['/api/', '/api/config'],
  routeFetches: { '/topology': ['/api/meshes?size=1000&offset=0'] },
  skipFetchesIfStored: 'kuma-dashboard:token',
  routeFiles: { '/topology': ['/assets/prefetch.js', '/assets/queries.js'] },
};

describe('earlyRequestsScript', () => {
  const script = earlyRequestsScript(REQUESTS);
  const fetches = [
    { rel: 'preload', as: 'fetch', href: '/api/', crossOrigin: '' },
    { rel: 'preload', as: 'fetch', href: '/api/config', crossOrigin: '' },
  ];
  const routeFetches = [
    { rel: 'preload', as: 'fetch', href: '/api/meshes?size=1000&offset=0', crossOrigin: '' },
  ];
  const modules = [
    { rel: 'modulepreload', href: '/assets/prefetch.js', crossOrigin: '' },
    { rel: 'modulepreload', href: '/assets/queries.js', crossOrigin: '' },
  ];

  it.each<[string, string, string | null | 'throws', Link[]]>([
    [
      "no token: the first reads, the route's and its modules",
      '/topology',
      null,
      [...fetches, ...routeFetches, ...modules],
    ],
    [
      'a trailing slash is the same route',
      '/topology/',
      null,
      [...fetches, ...routeFetches, ...modules],
    ],
    ['a route without reads or modules of its own: the first reads only', '/meshes', null, fetches],
    ['a stored token: no read, which would go without it', '/topology', 'secret', modules],
    ['storage refused (then no token can be stored either)', '/meshes', 'throws', fetches],
  ])('%s', (_, pathname, stored, expected) => {
    expect(run(script, pathname, stored).links).toEqual(expected);
  });

  it('keeps its data inside the script whatever a name holds', () => {
    const hostile = earlyRequestsScript({
      ...REQUESTS,
      routeFiles: { '/x': ['/assets/</script><script>alert(1)</script>.js'] },
    });
    expect(hostile).not.toMatch(/<\/script/i);
    expect(run(hostile, '/x', null).links.at(-1)?.href).toBe(
      '/assets/</script><script>alert(1)</script>.js',
    );
  });
});

describe('beforeFirstResource', () => {
  const EARLY = '<script id="early">go()</script>';
  it.each([
    [
      'before the entry script and the stylesheet a script would wait for',
      '<html><head><title>t</title><script type="module" src="/a.js"></script><link rel="stylesheet" href="/a.css"></head><body></body></html>',
      '<html><head><title>t</title><script id="early">go()</script><script type="module" src="/a.js"></script><link rel="stylesheet" href="/a.css"></head><body></body></html>',
    ],
    [
      'after what is neither (the charset stays first)',
      '<head><meta charset="UTF-8"><LINK rel="icon" href="/i.svg"></head>',
      '<head><meta charset="UTF-8"><script id="early">go()</script><LINK rel="icon" href="/i.svg"></head>',
    ],
    [
      'at the end of a head with no script or link',
      '<head><title>t</title></head><body><script src="/b.js"></script></body>',
      '<head><title>t</title><script id="early">go()</script></head><body><script src="/b.js"></script></body>',
    ],
  ])('%s', (_, html, expected) => {
    expect(beforeFirstResource(html, EARLY)).toBe(expected);
  });

  it('refuses a page without a head to put it in', () => {
    expect(() => beforeFirstResource('<body></body>', EARLY)).toThrow(/no <\/head>/);
  });
});
