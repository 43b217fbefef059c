import { createContext, useContext } from 'react';
import type { Finding, Severity } from '../../diagnosis';

export interface NodeFindings {
  severity: Severity;
  count: number;
  titles: string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings per topology node: the worst severity, how many, and their titles. */
export function findingsByNode(findings: readonly Finding[]): Map<string, NodeFindings> {
  const byNode = new Map<string, NodeFindings>();
  for (const finding of findings) {
    for (const id of finding.nodeIds) {
      const entry = byNode.get(id);
      if (!entry) {
        byNode.set(id, { severity: finding.severity, count: 1, titles: [finding.title] });
        continue;
      }
      entry.count += 1;
      entry.titles.push(finding.title);
      if (RANK[finding.severity] < RANK[entry.severity]) entry.severity = finding.severity;
    }
  }
  return byNode;
}

export const NodeFindingsContext = createContext<ReadonlyMap<string, NodeFindings>>(new Map());

export function useNodeFindings(id: string): NodeFindings | undefined {
  return useContext(NodeFindingsContext).get(id);
}
