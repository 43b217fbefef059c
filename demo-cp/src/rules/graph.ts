/**
 * Grouping of subsets that may hold a common proxy, over an undirected graph of node ids
 * `0..n-1`: connected components (before 2.14) or maximal cliques (2.14). Groups come back in
 * kuma-cp's order: ids ascending within a group, groups by their `:`-joined ids, descending.
 */

export type Adjacency = readonly (readonly boolean[])[];

export function connectedComponents(adjacency: Adjacency): number[][] {
  const seen = new Set<number>();
  const groups: number[][] = [];
  for (let start = 0; start < adjacency.length; start++) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const node = stack.pop()!;
      group.push(node);
      adjacency[node]!.forEach((edge, other) => {
        if (edge && !seen.has(other)) {
          seen.add(other);
          stack.push(other);
        }
      });
    }
    groups.push(group);
  }
  return sortGroups(groups);
}

/** Every maximal clique (Bron–Kerbosch with pivoting); an isolated node is its own clique. */
export function maximalCliques(adjacency: Adjacency): number[][] {
  const cliques: number[][] = [];
  const neighbours = (node: number) =>
    adjacency[node]!.flatMap((edge, other) => (edge && other !== node ? [other] : []));
  const extend = (clique: number[], candidates: number[], excluded: number[]) => {
    if (candidates.length === 0 && excluded.length === 0) {
      cliques.push(clique);
      return;
    }
    const pivotPool = [...candidates, ...excluded];
    const pivot = pivotPool.reduce((best, node) =>
      neighbours(node).filter((n) => candidates.includes(n)).length >
      neighbours(best).filter((n) => candidates.includes(n)).length
        ? node
        : best,
    );
    const pivotNeighbours = new Set(neighbours(pivot));
    let remaining = [...candidates];
    let done = [...excluded];
    for (const node of candidates.filter((n) => !pivotNeighbours.has(n))) {
      const around = new Set(neighbours(node));
      extend(
        [...clique, node],
        remaining.filter((n) => around.has(n)),
        done.filter((n) => around.has(n)),
      );
      remaining = remaining.filter((n) => n !== node);
      done = [...done, node];
    }
  };
  extend(
    [],
    adjacency.map((_, node) => node),
    [],
  );
  return sortGroups(cliques);
}

function sortGroups(groups: number[][]): number[][] {
  const sorted = groups.map((group) => [...group].sort((a, b) => a - b));
  const key = (group: number[]) => group.join(':');
  return sorted.sort((a, b) => (key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0));
}
