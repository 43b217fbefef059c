import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** What the plugin reads of a built chunk (Rollup's and Rolldown's `OutputChunk` alike). */
export interface BuiltChunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: readonly string[];
}

export type Bundle = Record<string, BuiltChunk | { type: 'asset' }>;

/** The id of the script in `index.html`: the page's only inline script, which tests tell apart. */
export const EARLY_REQUESTS_ID = 'early-requests';

/** A chunk and every chunk it imports statically, parents before what they import. */
function staticClosure(start: BuiltChunk, byFile: ReadonlyMap<string, BuiltChunk>): string[] {
  const seen = new Set<string>();
  const visit = (chunk: BuiltChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const file of chunk.imports) {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    }
  };
  visit(start);
  return [...seen];
}

/**
 * For each pathname, the files its module (an absolute source path) needs beyond what the
 * entry loads anyway: the module's own chunk and every chunk that one imports statically.
 */
export function routeFiles(
  bundle: Bundle,
  routeModules: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((item): item is BuiltChunk => item.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const loadedByEntry = new Set(
    chunks.filter((chunk) => chunk.isEntry).flatMap((entry) => staticClosure(entry, byFile)),
  );
  const files: Record<string, string[]> = {};
  for (const [pathname, module] of Object.entries(routeModules)) {
    const chunk = chunks.find((candidate) => candidate.facadeModuleId === module);
    if (!chunk) throw new Error(`early-requests: no chunk is built from ${module} (${pathname})`);
    files[pathname] = staticClosure(chunk, byFile).filter((file) => !loadedByEntry.has(file));
  }
  return files;
}

export interface EarlyRequests {
  /** URLs every page reads first, before its route is known (GET, same origin). */
  fetches: readonly string[];
  /** Per pathname, URLs that route reads first as well (GET, same origin). */
  routeFetches: Readonly<Record<string, readonly string[]>>;
  /**
   * A sessionStorage key whose presence means the page's requests carry a token: a preload
   * cannot, so `fetches` and `routeFetches` are then left to the app.
   */
  skipFetchesIfStored: string;
  /** Per pathname, the module files (from the bundle, under the base) of that route's loader. */
  routeFiles: Readonly<Record<string, readonly string[]>>;
}

/**
 * The inline script of `index.html`. Its links are the ones the app's own requests match: a
 * `fetch()` with the default mode and credentials takes a `preload as=fetch crossorigin`
 * response, and Vite's preload helper finds a `modulepreload crossorigin` of the same URL and
 * asks for nothing twice. Data is JSON with `<` escaped, so nothing in it can end the script.
 */
export function earlyRequestsScript(requests: EarlyRequests): string {
  const data = JSON.stringify(requests).replaceAll('<', '\\u003c');
  return `(()=>{const r=${data};const add=(rel,href,as)=>{const link=document.createElement('link');link.rel=rel;link.href=href;link.crossOrigin='';if(as)link.as=as;document.head.appendChild(link)};const route=location.pathname.replace(/\\/+$/,'');let stored=null;try{stored=sessionStorage.getItem(r.skipFetchesIfStored)}catch{}if(stored===null)for(const url of [...r.fetches,...(r.routeFetches[route]??[])])add('preload',url,'fetch');for(const href of r.routeFiles[route]??[])add('modulepreload',href)})()`;
}

/**
 * `html` with `element` placed before the head's first script or link. An inline script after a
 * stylesheet waits for that stylesheet before it runs, so at the end of the head, where Vite
 * adds its tags, the early requests started only once the CSS had arrived: on a busy machine
 * after the entry script itself.
 */
export function beforeFirstResource(html: string, element: string): string {
  const head = html.search(/<\/head>/i);
  if (head < 0) throw new Error('early-requests: index.html has no </head>');
  const first = html.slice(0, head).search(/<(?:script|link)\b/i);
  const at = first < 0 ? head : first;
  return html.slice(0, at) + element + html.slice(at);
}

export type EarlyRequestsOptions = Omit<EarlyRequests, 'routeFiles'> & {
  /** Per pathname, the source module (relative to the project root) of the route's loader. */
  routeModules: Readonly<Record<string, string>>;
};

/**
 * Has `index.html` start the requests the first screen waits on while the HTML is parsed,
 * instead of after the entry's 300 KB have run and the router has started: the control
 * plane's capabilities (every screen's first read), the current route's first lists, and the
 * module of its loader (`/topology` starts its data requests there, and loaded through the
 * router it waited for the screen's twenty-odd chunks to share the browser's six connections).
 * On a busy 2-core machine all were ready 0.3-0.4 s later than the router wanted them.
 */
export function earlyRequests(options: EarlyRequestsOptions): Plugin {
  let root = process.cwd();
  let base = '/';
  return {
    name: 'kuma-dashboard-early-requests',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle) return html;
        const modules = Object.fromEntries(
          Object.entries(options.routeModules).map(([pathname, module]) => [
            pathname,
            resolve(root, module),
          ]),
        );
        const files = routeFiles(context.bundle as unknown as Bundle, modules);
        const script = earlyRequestsScript({
          fetches: options.fetches,
          routeFetches: options.routeFetches,
          skipFetchesIfStored: options.skipFetchesIfStored,
          routeFiles: Object.fromEntries(
            Object.entries(files).map(([pathname, list]) => [
              pathname,
              list.map((file) => base + file),
            ]),
          ),
        });
        return beforeFirstResource(html, `<script id="${EARLY_REQUESTS_ID}">${script}</script>`);
      },
    },
  };
}
