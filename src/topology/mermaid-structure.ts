/**
 * Reads the structure of a mermaid flowchart (links, subgraph nesting, link styles), enough to
 * compare a generated diagram with the docs' flowcharts. Used by tests and the e2e checks.
 */
export interface FlowchartStructure {
  links: { from: string; arrow: string; to: string }[];
  /** Subgraph id → ids of the nodes and subgraphs declared directly in it. */
  subgraphs: Map<string, string[]>;
  styles: { indices: number[]; style: string }[];
}

const LINK =
  /^([A-Za-z][\w]*)(?:\[[^\]]*\]|\(\[[^\]]*\]\))?\s+(<-\.->|-\.->|<-->|-->|---|~~~)(?:\|[^|]*\|)?\s+(.+)$/;

function stripDefinition(token: string): string {
  return token.trim().replace(/(\(\[.*\]\)|\[.*\])$/, '');
}

export function readFlowchart(text: string): FlowchartStructure {
  const links: FlowchartStructure['links'] = [];
  const subgraphs = new Map<string, string[]>();
  const styles: FlowchartStructure['styles'] = [];
  const stack: string[] = [];
  const seen = new Set<string>();
  // Like mermaid, a node belongs to the subgraph where it first appears.
  const declare = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const parent = stack.at(-1);
    if (!parent) return;
    const members = subgraphs.get(parent) ?? [];
    if (!members.includes(id)) members.push(id);
    subgraphs.set(parent, members);
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (
      !line ||
      line.startsWith('flowchart') ||
      line.startsWith('direction') ||
      line.startsWith('%%')
    )
      continue;
    const subgraph = /^subgraph\s+([\w]+)/.exec(line);
    if (subgraph?.[1]) {
      declare(subgraph[1]);
      stack.push(subgraph[1]);
      subgraphs.set(subgraph[1], subgraphs.get(subgraph[1]) ?? []);
      continue;
    }
    if (line === 'end') {
      stack.pop();
      continue;
    }
    const style = /^linkStyle\s+([\d,]+)\s+(.+)$/.exec(line);
    if (style?.[1] && style[2]) {
      styles.push({ indices: style[1].split(',').map(Number), style: style[2] });
      continue;
    }
    const link = LINK.exec(line);
    if (link?.[1] && link[2] && link[3]) {
      const from = link[1];
      declare(from);
      for (const target of link[3].split('&')) {
        const to = stripDefinition(target);
        declare(to);
        links.push({ from, arrow: link[2], to });
      }
      continue;
    }
    const node = /^([A-Za-z][\w]*)/.exec(line);
    if (node?.[1]) declare(node[1]);
  }
  return { links, subgraphs, styles };
}
