/**
 * The name check's reads: one GET per resource a create would write, a short pause after the
 * last keystroke so typing a name costs one request, not one per letter.
 */

import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { KumaApi } from '../../kuma/queries/api';
import { formKeys } from '../../kuma/queries/keys';
import { anyJsonSchema } from '../../kuma/schemas';
import type { FormIssue } from './field-paths';
import { type NameState, type NameTarget, nameIssue, nameStateOf } from './name-check';

/** How long the name has to stay unchanged before it is looked up. */
export const NAME_CHECK_DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, key: string, delayMs: number): T {
  const [settled, setSettled] = useState({ value, key });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ value, key }), delayMs);
    return () => clearTimeout(timer);
  }, [value, key, settled.key, delayMs]);
  return settled.value;
}

export interface NameCheck {
  issues: FormIssue[];
  /** A name the control plane already holds: the form must not offer Create. */
  taken: boolean;
}

export function useNameCheck(api: KumaApi, targets: readonly NameTarget[]): NameCheck {
  const key = targets.map((target) => target.path).join('\n');
  const settled = useDebounced(targets, key, NAME_CHECK_DEBOUNCE_MS);
  const results = useQueries({
    queries: settled.map((target) => ({
      queryKey: formKeys.nameCheck(api, target.path),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.client.get(target.path, anyJsonSchema, { signal }),
      // An answer stays good while the user types on; a write invalidates every form query.
      staleTime: 10_000,
      retry: false,
      refetchOnWindowFocus: false,
    })),
  });
  const issues: FormIssue[] = [];
  let taken = false;
  // Only answers for what is in the field now: a stale answer for an older name says nothing.
  const current = new Set(targets.map((target) => target.path));
  settled.forEach((target, i) => {
    if (!current.has(target.path)) return;
    const result = results[i];
    if (!result || result.isPending) return;
    const state: NameState = nameStateOf({ data: result.data, error: result.error ?? undefined });
    const issue = nameIssue(target, state);
    if (!issue) return;
    issues.push(issue);
    if (state.kind === 'taken') taken = true;
  });
  return { issues, taken };
}
