/**
 * Kuma's original rules algorithm (MADR 007), behind `toRules`, `fromRules` and `proxyRule`:
 * split the proxies the items name into disjoint subsets and, for each subset, merge the confs
 * of every item whose targetRef holds it.
 */
import type { RulesFeatures } from './features';
import { connectedComponents, maximalCliques } from './graph';
import { type ConfShape, mergeConfs } from './merge';
import { compareStrings, type Policy, resourceKey } from './model';
import type { PolicyItem } from './policy-kinds';
import {
  asSubset,
  compareTags,
  intersects,
  isOldKind,
  isSubset,
  keyedSubsets,
  numPositive,
  type Subset,
  sortedSubset,
  subsetKey,
  type Tag,
  toggledSubsets,
} from './subset';

/** An item of a policy's list, with the policy it belongs to and its index in that list. */
export interface RuleItem extends PolicyItem {
  policy: Policy;
  ruleIndex: number;
}

export interface SubsetRule {
  subset: Subset;
  conf: unknown;
  origins: Policy[];
}

/** Each policy once, in the order its items were merged (before 2.9: sorted by name). */
function originsOf(items: readonly RuleItem[], features: RulesFeatures): Policy[] {
  const seen = new Set<string>();
  const origins: Policy[] = [];
  for (const { policy } of items) {
    if (seen.has(resourceKey(policy))) continue;
    seen.add(resourceKey(policy));
    origins.push(policy);
  }
  return features.resourceRules ? origins : origins.sort((a, b) => compareStrings(a.name, b.name));
}

function rulesFor(
  subset: Subset,
  items: readonly RuleItem[],
  shape: ConfShape,
  features: RulesFeatures,
): SubsetRule[] {
  const relevant = items.filter((item) => isSubset(asSubset(item.targetRef), subset));
  if (relevant.length === 0) return [];
  const origins = originsOf(relevant, features);
  return mergeConfs(
    relevant.map((item) => item.conf),
    shape,
  ).map((conf) => ({ subset, conf, origins }));
}

function stableSortDescending<T>(list: T[], weight: (item: T) => number): T[] {
  return list
    .map((item, index) => ({ item, index }))
    .sort((a, b) => weight(b.item) - weight(a.item) || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * `BuildRules`. `withNegations` is set for `from` lists, where a subset without negations
 * would wrongly hold clients another item names. Throws `RulesError` for a targetRef kind that
 * has no tag form (kuma-cp reports it as a warning and drops the rules).
 */
export function buildSubsetRules(
  list: readonly RuleItem[],
  withNegations: boolean,
  shape: ConfShape,
  features: RulesFeatures,
): SubsetRule[] {
  // From 2.9 only kinds that stand for tags take part; real resources go to resource rules.
  const items = features.resourceRules
    ? list.filter((item) => isOldKind(item.targetRef.kind))
    : list;
  if (items.length === 0) return [];
  const subsets = items.map((item) => asSubset(item.targetRef));

  const keys = new Set(subsets.flatMap((subset) => subset.map((tag) => tag.key)));
  if (features.plainSubsetsShortcut && !withNegations && keys.size <= 1) {
    const unique = new Map<string, Subset>();
    for (const subset of subsets) {
      const key = subsetKey(subset);
      if (!unique.has(key)) unique.set(key, sortedSubset(subset));
    }
    const rules = [...unique.values()].flatMap((subset) =>
      rulesFor(subset, items, shape, features),
    );
    return stableSortDescending(rules, (rule) => rule.subset.length);
  }

  const adjacency = subsets.map((a, i) => subsets.map((b, j) => i !== j && intersects(a, b)));
  const groups = features.cliques ? maximalCliques(adjacency) : connectedComponents(adjacency);
  const rules: SubsetRule[] = [];
  for (const group of groups) {
    const tags = new Map<string, Tag>();
    for (const node of group) {
      for (const tag of subsets[node]!) {
        tags.set(`${tag.key}\u0000${tag.value}\u0000${tag.not}`, tag);
      }
    }
    const sorted = [...tags.values()].sort(compareTags);
    const combinations = features.keyedSubsetIterator
      ? keyedSubsets(sorted)
      : toggledSubsets(sorted);
    for (const subset of combinations) rules.push(...rulesFor(subset, items, shape, features));
  }
  return stableSortDescending(rules, (rule) => numPositive(rule.subset));
}
