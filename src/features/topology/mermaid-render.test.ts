import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DARK_THEME_VARIABLES,
  decodeTextReferences,
  initDirective,
  MERMAID_CACHE_SIZE,
  renderMermaid,
  SupersededRender,
} from './mermaid-render';

const mermaid = vi.hoisted(() => ({
  initialize: vi.fn(),
  parse: vi.fn(async (_text: string) => ({ diagramType: 'flowchart-v2' })),
  render: vi.fn(async (id: string, text: string) => ({ svg: `<svg id="${id}">${text}</svg>` })),
}));
vi.mock('mermaid', () => ({ default: mermaid }));

beforeEach(() => mermaid.render.mockClear());

describe('renderMermaid', () => {
  it('renders a text once, however often it is asked for', async () => {
    const first = await renderMermaid('flowchart LR\n A --> B\n');
    const again = await renderMermaid('flowchart LR\n A --> B\n');
    expect(again).toBe(first);
    expect(mermaid.render).toHaveBeenCalledTimes(1);
    // The PNG export's plain-label render is another text.
    await renderMermaid('flowchart LR\n A --> B\n', { htmlLabels: false });
    expect(mermaid.render).toHaveBeenCalledTimes(2);
    // mermaid was loaded with its flowchart's code, which it fetches as it parses one.
    expect(mermaid.parse).toHaveBeenCalledTimes(1);
    expect(mermaid.parse.mock.calls[0]?.[0]).toMatch(/^flowchart\b/);
  });

  it.each([
    [MERMAID_CACHE_SIZE, 0],
    // Each re-render evicts the next oldest, so an overfull cache misses on every text.
    [MERMAID_CACHE_SIZE + 1, MERMAID_CACHE_SIZE + 1],
  ])('asked for %i texts twice over: %i rendered again', async (count, again) => {
    const texts = Array.from(
      { length: count },
      (_, index) => `flowchart LR\n N${index}-${count}\n`,
    );
    for (const text of texts) await renderMermaid(text);
    mermaid.render.mockClear();
    for (const text of texts) await renderMermaid(text);
    expect(mermaid.render).toHaveBeenCalledTimes(again);
  });

  it('does not start a render nobody wants any more', async () => {
    await expect(
      renderMermaid('flowchart LR\n stale\n', { wanted: () => false }),
    ).rejects.toBeInstanceOf(SupersededRender);
    expect(mermaid.render).not.toHaveBeenCalled();
  });
});

describe('the warm-up', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** The module once per page: its warm-up state fresh, its idle callbacks run by the test. */
  async function freshPage() {
    vi.resetModules();
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const page = await import('./mermaid-render');
    mermaid.render.mockClear();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    /** Runs the idle callback waiting, if any, and what it started. */
    const idleMoment = async () => {
      await settle();
      idle.shift()?.();
      await settle();
    };
    const warmUpsDrawn = () =>
      mermaid.render.mock.calls.filter(([id]) => id.startsWith('topology-mermaid-warm-up')).length;
    return { page, idle, idleMoment, warmUpsDrawn };
  }

  it('draws its pieces one idle moment after another, once per page', async () => {
    const { page, idleMoment, warmUpsDrawn } = await freshPage();
    page.prepareMermaid();
    page.prepareMermaid();
    for (let moment = 0; moment < page.WARM_UP_TEXTS.length + 2; moment++) await idleMoment();
    expect(warmUpsDrawn()).toBe(page.WARM_UP_TEXTS.length);
    expect(mermaid.render.mock.calls.map(([, text]) => text)).toEqual([...page.WARM_UP_TEXTS]);
  });

  it.each([
    ['a diagram is on its way', (page: typeof import('./mermaid-render')) => page.endWarmUp()],
    [
      'a diagram was drawn',
      (page: typeof import('./mermaid-render')) => void page.renderMermaid('flowchart LR\n real\n'),
    ],
  ])('starts no piece once %s', async (_name, interrupt) => {
    const { page, idle, idleMoment, warmUpsDrawn } = await freshPage();
    page.prepareMermaid();
    await idleMoment();
    expect(warmUpsDrawn()).toBe(1);
    interrupt(page);
    await idleMoment();
    await idleMoment();
    expect(warmUpsDrawn()).toBe(1);
    expect(idle).toHaveLength(0);
  });
});

describe('initDirective', () => {
  const parse = (line: string | undefined) =>
    line === undefined
      ? undefined
      : JSON.parse(line.replace(/^%%\{init: /, '').replace(/\}%%$/, ''));
  it.each<[string, Parameters<typeof initDirective>[0], unknown]>([
    ['light, HTML labels: none (the initialize config holds)', {}, undefined],
    ['light, explicitly', { theme: 'light' }, undefined],
    [
      'plain labels for the PNG',
      { htmlLabels: false },
      { htmlLabels: false, flowchart: { htmlLabels: false } },
    ],
    ['dark', { theme: 'dark' }, { themeVariables: DARK_THEME_VARIABLES }],
    [
      'dark with plain labels',
      { theme: 'dark', htmlLabels: false },
      { htmlLabels: false, flowchart: { htmlLabels: false }, themeVariables: DARK_THEME_VARIABLES },
    ],
  ])('%s', (_name, options, expected) => {
    expect(parse(initDirective(options))).toEqual(expected);
  });

  it('renders the two themes apart, and the dark one with its directive', async () => {
    mermaid.render.mockClear();
    const light = await renderMermaid('flowchart LR\n themed\n', { theme: 'light' });
    const dark = await renderMermaid('flowchart LR\n themed\n', { theme: 'dark' });
    expect(mermaid.render).toHaveBeenCalledTimes(2);
    expect(light).not.toContain('darkMode');
    expect(dark).toContain('"darkMode":true');
  });
});

describe('decodeTextReferences (text labels of the PNG)', () => {
  it.each([
    ['a multiplication sign', '<text>KUMA-DP &amp;#215;2</text>', '<text>KUMA-DP &#215;2</text>'],
    ['hex', '<text>&amp;#xD7;</text>', '<text>&#215;</text>'],
    ['several in a row', '<text>a&amp;#40;b&amp;#41;</text>', '<text>a&#40;b&#41;</text>'],
    // A name that is literally "&#215;" arrives as "#38;#215;": it must read "&#215;" again.
    ['a literal entity in a name', '<text>&amp;#38;#215;</text>', '<text>&#38;#215;</text>'],
    [
      'a markup character stays a reference',
      '<text>&amp;#60;b&amp;#62;</text>',
      '<text>&#60;b&#62;</text>',
    ],
    ['a character XML refuses: U+FFFD', '<text>&amp;#1;</text>', '<text>&#65533;</text>'],
    ['beyond Unicode: U+FFFD', '<text>&amp;#1114112;</text>', '<text>&#65533;</text>'],
    [
      'plain text and other escapes untouched',
      '<text>a &amp; b &lt;c&gt;</text>',
      '<text>a &amp; b &lt;c&gt;</text>',
    ],
  ])('%s', (_name, markup, expected) => {
    expect(decodeTextReferences(markup)).toBe(expected);
  });

  it('is applied to the plain-label render only', async () => {
    mermaid.render.mockImplementationOnce(async (id: string) => ({
      svg: `<svg id="${id}"><text>KUMA-DP &amp;#215;3</text></svg>`,
    }));
    const plain = await renderMermaid('flowchart LR\n decoded\n', { htmlLabels: false });
    expect(plain).toContain('KUMA-DP &#215;3');
    expect(plain).not.toContain('&amp;#');
  });
});
