import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_DIFFERENCES, type KnownDifference } from '../known-differences';
import type { Difference, StepOutcome } from './compare';

export function explanationFor(difference: Difference): KnownDifference | undefined {
  const request = `${difference.step.method} ${difference.step.path}`;
  return KNOWN_DIFFERENCES.find(
    (known) =>
      (!known.versions || known.versions.includes(difference.version)) &&
      (!known.kind || known.kind.test(difference.kind)) &&
      (!known.request || known.request.test(request)) &&
      (!known.paths || difference.paths.every((path) => known.paths!.test(path))),
  );
}

export interface ReportRow {
  version: string;
  kind: string;
  steps: number;
  same: number;
  explained: number;
  unexplained: number;
}

export function reportRows(version: string, outcomes: readonly StepOutcome[]): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const outcome of outcomes) {
    const row = rows.get(outcome.kind) ?? {
      version,
      kind: outcome.kind,
      steps: 0,
      same: 0,
      explained: 0,
      unexplained: 0,
    };
    row.steps += 1;
    if (!outcome.difference) row.same += 1;
    else if (explanationFor(outcome.difference)) row.explained += 1;
    else row.unexplained += 1;
    rows.set(outcome.kind, row);
  }
  return [...rows.values()];
}

export function formatTable(rows: readonly ReportRow[]): string {
  const header = ['version', 'kind', 'requests', 'same', 'explained', 'unexplained'];
  const cells = rows.map((row) => [
    row.version,
    row.kind,
    String(row.steps),
    String(row.same),
    String(row.explained),
    String(row.unexplained),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

function clip(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The differences of `outcomes` that known-differences.ts does not explain. */
export function unexplainedDifferences(outcomes: readonly StepOutcome[]): Difference[] {
  return outcomes.flatMap((outcome) =>
    outcome.difference && !explanationFor(outcome.difference) ? [outcome.difference] : [],
  );
}

/** The assertion message: how many, and the first 25 of them. */
export function describeUnexplained(differences: readonly Difference[]): string {
  return `${differences.length} unexplained differences:\n${differences
    .slice(0, 25)
    .map(describeDifference)
    .join('\n')}`;
}

export function describeDifference(difference: Difference): string {
  const { step } = difference;
  return [
    `${difference.version} ${difference.kind}: ${step.method} ${step.path} (${step.label})`,
    `  differs at: ${difference.paths.slice(0, 8).join(', ')}${difference.paths.length > 8 ? ', …' : ''}`,
    `  kuma-cp: ${difference.real.status} ${clip(difference.real.body)}`,
    `  demo:    ${difference.demo.status} ${clip(difference.demo.body)}`,
    ...(step.body !== undefined ? [`  body:    ${clip(step.body)}`] : []),
  ].join('\n');
}

/** Every difference with both answers, for reading after a run (not committed). */
export function writeDetails(version: string, outcomes: readonly StepOutcome[]): string {
  const dir = join(process.cwd(), 'test-results', 'real-cp');
  mkdirSync(dir, { recursive: true });
  // `DIFF_OUT` keeps concurrent runs (different slices) from overwriting each other's details.
  const suffix = process.env.DIFF_OUT ? `-${process.env.DIFF_OUT}` : '';
  const file = join(dir, `differences-${version}${suffix}.json`);
  const differences = outcomes.flatMap((outcome) =>
    outcome.difference
      ? [
          {
            ...outcome.difference,
            explainedBy: explanationFor(outcome.difference)?.reason,
          },
        ]
      : [],
  );
  writeFileSync(file, JSON.stringify(differences, null, 1));
  return file;
}
