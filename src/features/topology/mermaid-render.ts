import type { Mermaid, MermaidConfig } from 'mermaid';

/**
 * The docs' look (`theme: base` and their colours), pinned so a mermaid upgrade does not change
 * it (12.x defaults to ELK and the `neo` look). `strict` and the size limits can only be set
 * here, never from diagram text.
 */
export const MERMAID_CONFIG: MermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  look: 'classic',
  layout: 'dagre',
  maxEdges: 2000,
  maxTextSize: 200_000,
  themeVariables: {
    primaryColor: '#fff',
    primaryBorderColor: '#4a86e8',
    primaryTextColor: '#495c64',
    secondaryTextColor: '#5096f2',
    lineColor: '#99b0c0',
    edgeLabelBackground: '#fff',
    fontFamily: 'Roboto, sans-serif',
    fontSize: '15px',
  },
};

/**
 * The docs' colours turned for a dark page: the same blue borders and grey-blue lines, lighter,
 * on the app's dark surface (`--surface`), so the diagram does not glare from a dark screen.
 */
export const DARK_THEME_VARIABLES = {
  darkMode: true,
  background: '#161f25',
  mainBkg: '#161f25',
  primaryColor: '#161f25',
  primaryBorderColor: '#7aa7f0',
  nodeBorder: '#7aa7f0',
  primaryTextColor: '#d6e1e7',
  // Derived from the light colours when mermaid first initialized, so named here again.
  nodeTextColor: '#d6e1e7',
  textColor: '#d6e1e7',
  titleColor: '#d6e1e7',
  secondaryTextColor: '#7ab8f5',
  lineColor: '#8aa2b4',
  defaultLinkColor: '#8aa2b4',
  arrowheadColor: '#8aa2b4',
  edgeLabelBackground: '#1e2a31',
  clusterBkg: '#1b262d',
  clusterBorder: '#3d505c',
} as const;

/** The page behind the diagram in each theme (mermaid's SVG has no background of its own). */
export const DIAGRAM_BACKGROUND = { light: '#ffffff', dark: DARK_THEME_VARIABLES.background };

export type DiagramTheme = 'light' | 'dark';

export interface RenderOptions {
  /**
   * false for the PNG export: plain SVG text instead of HTML labels, so the SVG has no
   * `foreignObject` and a canvas can draw it.
   */
  htmlLabels?: boolean;
  theme?: DiagramTheme;
  wanted?: () => boolean;
}

/**
 * The `%%{init}%%` line that sets labels and theme for one diagram, prepended to its text; built
 * from our constants only, never from names.
 */
export function initDirective(options: RenderOptions): string | undefined {
  const init: Record<string, unknown> = {};
  if (options.htmlLabels === false) {
    init.htmlLabels = false;
    init.flowchart = { htmlLabels: false };
  }
  if (options.theme === 'dark') init.themeVariables = DARK_THEME_VARIABLES;
  return Object.keys(init).length > 0 ? `%%{init: ${JSON.stringify(init)}}%%` : undefined;
}

/**
 * Character references left as text in SVG text labels. Our labels reach mermaid entity-encoded
 * (`#215;`); mermaid turns them into `&#215;`, which an HTML label decodes but a plain SVG
 * `<text>` shows literally ("KUMA-DP &#215;2" in the PNG). In the serialized markup that text
 * reads `&amp;#215;`: made a real XML character reference again, the image shows "×". Only
 * numeric references, and only to characters XML allows (else U+FFFD), so no markup can come
 * of it.
 */
export function decodeTextReferences(markup: string): string {
  return markup.replace(/&amp;#(?:(\d{1,7})|x([0-9a-fA-F]{1,6}));/g, (_match, decimal, hex) => {
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex as string, 16);
    return `&#${isXmlChar(code) ? code : 0xfffd};`;
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

let loading: Promise<Mermaid> | undefined;

/**
 * mermaid's own chunks load on first use only, and once, with its flowchart's: mermaid fetches a
 * diagram type's code when it first meets one, which cost the first diagram (the warm-up, and
 * so a diagram asked for meanwhile) a round of a dozen requests on a busy page, 0.1 s. Parsing
 * a one-line flowchart has mermaid fetch it now.
 */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(
    async ({ default: mermaid }) => {
      mermaid.initialize(MERMAID_CONFIG);
      // Never a reason to fail loading: a render reports what is wrong.
      await mermaid.parse('flowchart LR').catch(() => undefined);
      return mermaid;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * A diagram with what ours have (subgraphs, a grid of services held in rows by invisible links as
 * in a big mesh's diagram, dashed and solid links, calls both ways, link styles, two-line labels),
 * `services` of them in rows of `columns`, to warm mermaid up with.
 */
export function warmUpText(services: number, columns: number): string {
  const ids = Array.from({ length: services }, (_, index) => `D${index + 1}`);
  return [
    'flowchart LR',
    '    CLIENT(["Client"])',
    '    KGW["Kong Gateway"]',
    '    CLIENT --> KGW',
    '    subgraph M1["mesh service mesh"]',
    '        BG1["Built-in gateway<br/>gateway"]',
    '        subgraph sg1a[" "]',
    '            direction LR',
    ...ids.map((id, index) => `            ${id}["Service s-${index + 1}<br/>KUMA-DP #215;2"]`),
    ...ids.flatMap((id, index) => {
      const right = ids[index + columns];
      return right ? [`            ${id} ~~~ ${right}`] : [];
    }),
    '        end',
    `        BG1 -.-> ${ids.slice(0, columns).join(' & ')}`,
    '    end',
    '    subgraph M2["other service mesh"]',
    '        DG2["Delegated gateway<br/>kong"]',
    '        E1["Service a<br/>KUMA-DP"] <-.-> E2["Service b<br/>KUMA-DP"]',
    '        DG2 -.-> E1',
    '    end',
    '    KGW --> BG1 & DG2',
    '    linkStyle 0 stroke-width:2px!important,stroke:#86e2cc!important',
    // The built-in gateway's first link, past the client's and the grid's; the delegated one's.
    `    linkStyle ${Math.max(0, services - columns) + 1},${services + 2} stroke-width:3px!important`,
  ].join('\n');
}

/**
 * The warm-up, drawn piece by piece: a small diagram first (mermaid's code runs cold once), then
 * three of 12 services. V8 compiles mermaid's per-node and per-link code to optimized code only
 * after many calls, so the more nodes drawn ahead, the faster the real diagram: a mesh of 50
 * services drew in 0.9 s as the first diagram of a page, 0.5-0.57 s after one 20-service
 * warm-up, and 0.34 s after these four, which cost 0.96 s of idle time between them (about 0.2 s
 * each after the first; fresh pages, the median of 6).
 */
export const WARM_UP_TEXTS = [
  warmUpText(8, 4),
  warmUpText(12, 4),
  warmUpText(12, 4),
  warmUpText(12, 4),
] as const;

let warmedUp = false;
/** Diagrams rendered in this page (the warm-up aside). */
let renders = 0;
let diagramComing = false;

/**
 * A diagram is on its way (a mesh picked, its details loading): no warm-up piece starts ahead of
 * it. The page is idle while the details load, and a piece begun then (0.2-0.5 s on a busy
 * page) held the diagram back by more than it sped it up: on the 50,000-dataplane demo the
 * clicks where one ran took 1.2-1.3 s, the others 0.75-1.05 s.
 */
export function endWarmUp(): void {
  diagramComing = true;
}

/**
 * mermaid's first diagrams in a page run its parser, layout and drawing code cold. The
 * `WARM_UP_TEXTS` are drawn off screen, each in idle time, once mermaid has loaded with the tab,
 * while the page still waits for its data or for a mesh to be picked; once per page. The first
 * real diagram, or one on its way (`endWarmUp`), stops it (a diagram warms mermaid up itself);
 * one asked for meanwhile waits for the piece under way only (mermaid renders one at a time).
 */
export function warmUpMermaid(): void {
  if (warmedUp) return;
  warmedUp = true;
  const next = (piece: number) => {
    const text = WARM_UP_TEXTS[piece];
    if (text === undefined) return;
    const run = () => {
      if (renders > 0 || diagramComing) return;
      const mark = `topology-mermaid-warm-up-${piece + 1}`;
      loadMermaid()
        .then((mermaid) => {
          performance.mark?.(mark);
          return mermaid.render(mark, text);
        })
        .then(
          // In the browser's performance timeline, as renders are (see renderMermaid).
          () => {
            performance.measure?.('topology-mermaid-warm-up', { start: mark });
            next(piece + 1);
          },
          () => undefined,
        );
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  };
  next(0);
}

/**
 * mermaid loaded and warmed up ahead of the first diagram; called as the mermaid tab opens, so
 * both happen while the page still waits for its data. Once per page; a failure shows when a
 * diagram renders.
 */
export function prepareMermaid(): void {
  loadMermaid()
    .then(warmUpMermaid)
    .catch(() => undefined);
}

/**
 * Rendered SVGs by source text. A 100-node diagram costs mermaid about a second of main thread
 * (layout, then measuring and drawing every node and link), so the same text is never rendered
 * twice: back on the tab, back to a mesh already drawn, a refresh that changed nothing.
 */
const rendered = new Map<string, string>();
export const MERMAID_CACHE_SIZE = 8;

/** Thrown when a render was no longer wanted by the time its turn came. */
export class SupersededRender extends Error {
  constructor() {
    super('superseded');
    this.name = 'SupersededRender';
  }
}

/**
 * Text from `toMermaid` (labels entity-encoded) → SVG markup. `wanted` is asked just before
 * mermaid starts: a text that was replaced meanwhile (details that arrived, another mesh
 * picked) is not rendered for nothing ahead of the one on screen.
 */
export async function renderMermaid(text: string, options: RenderOptions = {}): Promise<string> {
  const directive = initDirective(options);
  const source = directive ? `${directive}\n${text}` : text;
  const cached = rendered.get(source);
  if (cached !== undefined) {
    // Most recently used last: the oldest is the first to go.
    rendered.delete(source);
    rendered.set(source, cached);
    return cached;
  }
  const mermaid = await loadMermaid();
  if (options.wanted && !options.wanted()) throw new SupersededRender();
  renders += 1;
  const mark = `topology-mermaid-${renders}`;
  // In the browser's performance timeline (jsdom has none): what a render costs, for profiles
  // and benchmarks.
  const timeline = typeof performance.measure === 'function' ? performance : undefined;
  timeline?.mark(mark);
  const { svg: drawn } = await mermaid.render(mark, source);
  const svg = options.htmlLabels === false ? decodeTextReferences(drawn) : drawn;
  timeline?.measure('topology-mermaid-render', { start: mark, detail: { chars: text.length } });
  rendered.set(source, svg);
  for (const key of rendered.keys()) {
    if (rendered.size <= MERMAID_CACHE_SIZE) break;
    rendered.delete(key);
  }
  return svg;
}

/** Pixel size of an SVG from its viewBox (mermaid sets `width="100%"`). */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute('viewBox') ?? '')
    .split(/[\s,]+/)
    .map(Number)
    .filter((value) => Number.isFinite(value));
  const width =
    box.length === 4 ? (box[2] ?? 0) : Number.parseFloat(svg.getAttribute('width') ?? '');
  const height =
    box.length === 4 ? (box[3] ?? 0) : Number.parseFloat(svg.getAttribute('height') ?? '');
  return {
    width: Number.isFinite(width) && width > 0 ? width : 800,
    height: Number.isFinite(height) && height > 0 ? height : 600,
  };
}

/** Draws SVG markup (no `foreignObject`) on a `background` canvas at `scale` and gives a PNG. */
export async function svgToPng(
  markup: string,
  scale = 2,
  background = DIAGRAM_BACKGROUND.light,
): Promise<Blob> {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement as unknown as SVGSVGElement;
  if (root.nodeName !== 'svg') throw new Error('The diagram is not an SVG.');
  const { width, height } = svgSize(root);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.removeAttribute('style');
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    new XMLSerializer().serializeToString(root),
  )}`;
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('The browser could not draw the diagram.'));
    image.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas in this browser.');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
