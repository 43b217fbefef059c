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

/** Text from `toMermaid` (labels entity-encoded) → SVG markup. */
export async function renderMermaid(
  text: string,
  options: { htmlLabels?: boolean } = {},
): Promise<string> {
  const mermaid = await loadMermaid();
  renders += 1;
  const source = options.htmlLabels === false ? `${PLAIN_LABELS}\n${text}` : text;
  const { svg } = await mermaid.render(`topology-mermaid-${renders}`, source);
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
