import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MERMAID_CACHE_SIZE, renderMermaid, SupersededRender } from './mermaid-render';

const mermaid = vi.hoisted(() => ({
  initialize: vi.fn(),
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
