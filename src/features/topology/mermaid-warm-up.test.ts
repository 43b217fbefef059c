// @vitest-environment jsdom
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { readFlowchart } from '../../topology/mermaid-structure';
import { MERMAID_CONFIG, WARM_UP_TEXTS, warmUpText } from './mermaid-render';

describe('the warm-up diagrams', () => {
  it.each(WARM_UP_TEXTS.map((text, index) => [index + 1, text]))(
    '%i is one mermaid accepts, its link styles on its links',
    async (_piece, text) => {
      mermaid.initialize(MERMAID_CONFIG);
      await expect(mermaid.parse(text)).resolves.toMatchObject({
        diagramType: 'flowchart-v2',
      });
      const { links, styles } = readFlowchart(text);
      const styled = styles.flatMap((style) => style.indices);
      expect(Math.max(...styled)).toBeLessThan(links.length);
    },
  );

  it.each([
    // S1~S4~S7, S2~S5, S3~S6: every service past the first row has one on its left.
    [7, 3, 4],
    [20, 4, 16],
    [3, 4, 0],
  ])('holds %i services in rows of %i with %i invisible links', (services, columns, grid) => {
    const text = warmUpText(services, columns);
    const { links, styles } = readFlowchart(text);
    expect(links.filter((link) => link.arrow === '~~~')).toHaveLength(grid);
    expect(links.filter((link) => link.from === 'BG1').map((link) => link.to)).toEqual(
      Array.from({ length: Math.min(services, columns) }, (_, index) => `D${index + 1}`),
    );
    // The styled links are the ones meant: the client's, and the gateways' first ones.
    const styled = styles.flatMap((style) => style.indices).map((index) => links[index]);
    expect(styled.map((link) => `${link?.from}${link?.arrow}${link?.to}`)).toEqual([
      'CLIENT-->KGW',
      'BG1-.->D1',
      'DG2-.->E1',
    ]);
  });
});
