/** Building, ordering and wording helpers shared by the rules. */
import type { Tags } from '../kuma/types';
import { counted } from '../lib/plural';
import type {
  DiagnosisRule,
  Finding,
  FixAction,
  FixRouteKind,
  ResourceRef,
  Severity,
} from './types';

export interface FindingInput {
  rule: DiagnosisRule;
  severity: Severity;
  mesh: string;
  subject: ResourceRef;
  /** Tells findings of one rule about the same resource apart (a listener, a backend, …). */
  qualifier?: string;
  related?: ResourceRef[];
  nodeIds?: string[];
  title: string;
  symptom: string;
  evidence: string[];
  fix: string;
  fixAction?: FixAction;
}

function refKey(ref: ResourceRef): string {
  return `${ref.type}|${ref.mesh}|${ref.name}`;
}

/** `${rule}:${mesh}:${type}/${name}`, then `:${qualifier}` when given. */
export function findingId(
  rule: DiagnosisRule,
  mesh: string,
  subject: ResourceRef,
  qualifier?: string,
): string {
  const base = `${rule}:${mesh}:${subject.type}/${subject.name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

export function makeFinding(input: FindingInput): Finding {
  const subjectKey = refKey(input.subject);
  const seen = new Set<string>([subjectKey]);
  const related: ResourceRef[] = [];
  for (const ref of input.related ?? []) {
    const key = refKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    related.push(ref);
  }
  const finding: Finding = {
    id: findingId(input.rule, input.mesh, input.subject, input.qualifier),
    rule: input.rule,
    severity: input.severity,
    mesh: input.mesh,
    subject: input.subject,
    related,
    nodeIds: [...new Set(input.nodeIds ?? [])],
    title: input.title,
    symptom: input.symptom,
    evidence: input.evidence.filter((sentence) => sentence.trim() !== ''),
    fix: input.fix,
  };
  if (input.fixAction) finding.fixAction = input.fixAction;
  return finding;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** The more severe of the two. */
export function worst(a: Severity, b: Severity): Severity {
  return compareSeverity(a, b) <= 0 ? a : b;
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Severity (errors first), then mesh, then title; the id breaks ties so the order is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareText(a.mesh, b.mesh) ||
    compareText(a.title, b.title) ||
    compareText(a.id, b.id)
  );
}

/** Sorted, with later findings of an id already seen dropped. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const finding of findings) {
    if (!byId.has(finding.id)) byId.set(finding.id, finding);
  }
  return [...byId.values()].sort(compareFindings);
}

export function formatTags(tags: Tags | undefined): string {
  const entries = Object.entries(tags ?? {});
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

export function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** The route form for a route type: `tcp` for MeshTCPRoute, `http` for MeshHTTPRoute. */
export function routeFormKind(type: string): FixRouteKind {
  return type === 'MeshTCPRoute' ? 'tcp' : 'http';
}

/** "1 Dataplane" / "2 Dataplanes". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return counted(n, noun, plural);
}
