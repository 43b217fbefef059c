/**
 * Runs request sequences against the demo control plane and a real kuma-cp side by side and
 * records every response that differs after normalisation.
 */
import type { ApiTarget } from '../api-target';
import { differingPaths, type NormalisedReply, normaliseReply } from './normalise';

export interface Step {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  path: string;
  body?: unknown;
  /** What the step is, for the report: a case name from Kuma's tests, a generated seed, … */
  label: string;
  /** Sent to both, not compared (clean-up after a case only one side accepted). */
  silent?: boolean;
}

export interface Sequence {
  /** The report's row: a resource kind, or a family of reads. */
  kind: string;
  steps: Step[];
}

export interface Difference {
  version: string;
  kind: string;
  step: Step;
  demo: NormalisedReply;
  real: NormalisedReply;
  /** Where the two differ: `status`, `contentType`, `body.invalid_parameters[0].reason`, … */
  paths: string[];
}

export interface StepOutcome {
  kind: string;
  step: Step;
  real: NormalisedReply;
  difference?: Difference;
}

export function compareReplies(
  version: string,
  kind: string,
  step: Step,
  demo: NormalisedReply,
  real: NormalisedReply,
): Difference | undefined {
  const paths = [
    ...(demo.status !== real.status ? ['status'] : []),
    ...(demo.contentType !== real.contentType ? ['contentType'] : []),
    ...differingPaths(demo.body, real.body, 'body'),
  ];
  return paths.length === 0 ? undefined : { version, kind, step, demo, real, paths };
}

/**
 * Sends each step to both targets, one after the other, so both evolve through the same states.
 * A step may depend on what the real control plane answered before (e.g. clean up only what it
 * accepted): `after` sees each real reply and may return follow-up steps.
 */
export async function runSequence(
  version: string,
  sequence: Sequence,
  demo: ApiTarget,
  real: ApiTarget,
  after?: (step: Step, real: NormalisedReply, demo: NormalisedReply) => Step[],
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  const queue = [...sequence.steps];
  while (queue.length > 0) {
    const step = queue.shift()!;
    const realReply = normaliseReply(await real.call(step.method, step.path, step.body), version);
    const demoReply = normaliseReply(await demo.call(step.method, step.path, step.body), version);
    if (!step.silent) {
      const difference = compareReplies(version, sequence.kind, step, demoReply, realReply);
      outcomes.push({ kind: sequence.kind, step, real: realReply, difference });
    }
    queue.unshift(...(after?.(step, realReply, demoReply) ?? []));
  }
  return outcomes;
}
