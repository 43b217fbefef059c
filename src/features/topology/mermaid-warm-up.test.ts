// @vitest-environment jsdom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { readFlowchart } from '../../topology/mermaid-structure';
import { MERMAID_CONFIG, WARM_UP_TEXT } from './mermaid-render';

describe('the warm-up diagram', () => {
  it('is one mermaid accepts, its link styles on its links', async () => {
    mermaid.initialize(MERMAID_CONFIG);
    await expect(mermaid.parse(WARM_UP_TEXT)).resolves.toMatchObject({
      diagramType: 'flowchart-v2',
    });
    const { links, styles } = readFlowchart(WARM_UP_TEXT);
    const styled = styles.flatMap((style) => style.indices);
    expect(Math.max(...styled)).toBeLessThan(links.length);
    expect(links.filter((link) => link.arrow === '~~~')).toHaveLength(1);
  });
});
