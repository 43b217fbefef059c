import { createContext, useContext } from 'react';
import type { Finding, Severity } from '../../diagnosis';
import { sidecarId, type TopologyNode } from '../../topology/types';

export interface NodeFindings {
  severity: Severity;
  count: number;
  titles: string[];
  /** The findings themselves, worst first, for the side panel. */
  findings: Finding[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings per topology node: the worst severity, how many, and their titles. `resolve` maps a
 * finding's node id to the drawn nodes it stands for (a rule names "the sidecar of S", which is
 * another service's sidecar when S's dataplanes are).
 */
export function findingsByNode(
  findings: readonly Finding[],
  resolve: (id: string) => readonly string[] = (id) => [id],
): Map<string, NodeFindings> {
  const byNode = new Map<string, NodeFindings>();
  for (const finding of findings) {
    for (const id of new Set(finding.nodeIds.flatMap(resolve))) {
      const entry = byNode.get(id);
      if (!entry) {
        byNode.set(id, {
          severity: finding.severity,
          count: 1,
          titles: [finding.title],
          findings: [finding],
        });
        continue;
      }
      entry.count += 1;
      entry.titles.push(finding.title);
      entry.findings.push(finding);
      if (RANK[finding.severity] < RANK[entry.severity]) entry.severity = finding.severity;
    }
  }
  for (const entry of byNode.values()) {
    entry.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  }
  return byNode;
}

/**
 * What the side panel lists for a node: its own findings, and for a service those of the
 * sidecars serving it too (a service and its KUMA-DP are one thing to a user; rules badge the
 * sidecar). `sidecars` defaults to the service's own.
 */
export function panelFindings(
  byNode: ReadonlyMap<string, NodeFindings>,
  node: TopologyNode | undefined,
  sidecars?: readonly string[],
): Finding[] {
  if (!node) return [];
  const own = byNode.get(node.id)?.findings ?? [];
  if (node.kind !== 'service') return own;
  const seen = new Set(own.map((finding) => finding.id));
  const fromSidecars: Finding[] = [];
  for (const id of sidecars ?? [sidecarId(node.mesh, node.service)]) {
    for (const finding of byNode.get(id)?.findings ?? []) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      fromSidecars.push(finding);
    }
  }
  return [...own, ...fromSidecars].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

export const NodeFindingsContext = createContext<ReadonlyMap<string, NodeFindings>>(new Map());

export function useNodeFindings(id: string): NodeFindings | undefined {
  return useContext(NodeFindingsContext).get(id);
}
