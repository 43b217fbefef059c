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
 * Prepended for the PNG export: plain SVG text instead of HTML labels, so the SVG has no
 * `foreignObject` and a canvas can draw it. A constant of ours, never built from names.
 */
const PLAIN_LABELS = '%%{init: {"htmlLabels": false, "flowchart": {"htmlLabels": false}}}%%';

let loading: Promise<Mermaid> | undefined;

/** mermaid's own chunks load on first use only, and once. */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(
    ({ default: mermaid }) => {
      mermaid.initialize(MERMAID_CONFIG);
      return mermaid;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

let renders = 0;

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
export async function renderMermaid(
  text: string,
  options: { htmlLabels?: boolean; wanted?: () => boolean } = {},
): Promise<string> {
  const source = options.htmlLabels === false ? `${PLAIN_LABELS}\n${text}` : text;
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
  const { svg } = await mermaid.render(mark, source);
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

/** Draws SVG markup (no `foreignObject`) on a white canvas at `scale` and gives a PNG. */
export async function svgToPng(markup: string, scale = 2): Promise<Blob> {
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
  context.fillStyle = '#ffffff';
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
