/**
 * A form's save: the guarded write (`useSaveMutation`: check, PUTs, re-read) and what the form
 * shows of it - the phase, the control plane's refusals on their fields, a create that lost to
 * another creator, the conflict dialog, and the success. The form keeps its draft on anything
 * but success.
 */
import { type MutableRefObject, useState } from 'react';
import { type BaseVersion, versionOf } from '../../kuma/mutations/resource-version';
import { useSaveMutation } from '../../kuma/mutations/use-writes';
import type { Conflict, SaveResult, WriteItem, WriteOutcome } from '../../kuma/mutations/writes';
import type { KumaApi } from '../../kuma/queries/api';
import type { FormIssue } from './field-paths';
import { createdMeanwhile, createdMeanwhileText } from './name-check';

export type SavePhase = 'idle' | 'checking' | 'saving';

/** What the control plane said about the last save, for the form's fields and summary. */
export interface ServerVerdict {
  issues: FormIssue[];
  message?: string;
  /** Set when the control plane refused as read-only: the form ends with the YAML instead. */
  readOnly?: string;
}

export interface GuardedWrite {
  phase: SavePhase;
  server: ServerVerdict;
  setServer: (update: ServerVerdict | ((current: ServerVerdict) => ServerVerdict)) => void;
  conflicts: Conflict[] | undefined;
  dismissConflicts: () => void;
  /** Set once everything written stayed: the form shows its success view. */
  outcome: WriteOutcome | undefined;
  save: (items: readonly WriteItem[]) => Promise<void>;
  /**
   * Overwrite from the conflict dialog: the user has seen what is stored now, so that becomes
   * the base, and the save checks again (a third change since the dialog opened is asked about
   * again, not overwritten unseen).
   */
  overwrite: (seen: readonly Conflict[], items: readonly WriteItem[]) => Promise<void>;
}

export function useGuardedWrite({
  api,
  mode,
  basesRef,
  keepDraft,
  clearDraft,
  focusSummary,
}: {
  api: KumaApi;
  mode: 'create' | 'edit';
  basesRef: MutableRefObject<Record<string, BaseVersion>>;
  keepDraft: () => void;
  clearDraft: () => void;
  focusSummary: () => void;
}): GuardedWrite {
  // The save refreshes what it made stale itself (lists, details, topology, name checks).
  const mutation = useSaveMutation(api);
  const [phase, setPhase] = useState<SavePhase>('idle');
  const [server, setServer] = useState<ServerVerdict>({ issues: [] });
  const [conflicts, setConflicts] = useState<Conflict[] | undefined>();
  const [outcome, setOutcome] = useState<WriteOutcome | undefined>();

  const withBases = (items: readonly WriteItem[]) =>
    items.map((item) => ({ ...item, base: basesRef.current[item.path] }));

  /**
   * Check, write, re-read (see `saveItems`). Ends on the success view only when everything
   * written is what is stored after the settle window; otherwise on the conflict dialog.
   */
  const save = async (unbased: readonly WriteItem[]) => {
    setServer({ issues: [] });
    setConflicts(undefined);
    if (unbased.length === 0) return;
    setPhase('checking');
    let result: SaveResult;
    try {
      result = await mutation.mutateAsync({
        items: withBases(unbased),
        onWriting: () => setPhase('saving'),
      });
    } catch (error) {
      setPhase('idle');
      setServer({
        issues: [],
        message: `Could not check the stored resources before writing: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    setPhase('idle');
    Object.assign(basesRef.current, result.kept);
    const { outcome: written } = result;
    // A create that lost to another creator is not ours to overwrite: say so, with a link.
    const meanwhile = result.conflicts.filter(createdMeanwhile);
    if (meanwhile.length > 0) {
      const texts = meanwhile.map((conflict) => ({ conflict, ...createdMeanwhileText(conflict) }));
      setServer({
        issues: texts.map(({ conflict, message, link }) => ({
          field: conflict.item.toField('name', ''),
          severity: 'error' as const,
          message,
          ...(link ? { link: { to: link, label: `Open ${conflict.item.label}` } } : {}),
        })),
        message: texts.map(({ message }) => message).join(' '),
      });
      keepDraft();
      focusSummary();
      return;
    }
    if (result.conflicts.length > 0) {
      setConflicts(result.conflicts);
      keepDraft();
      return;
    }
    if (!written) return;
    if (written.failure) {
      const { failure } = written;
      setServer({
        issues: failure.issues,
        message: `${failure.item.label} was not ${mode === 'create' ? 'created' : 'saved'}: ${failure.message}`,
        readOnly: failure.readOnly ? failure.message : undefined,
      });
      keepDraft();
      focusSummary();
      return;
    }
    clearDraft();
    setOutcome(
      result.unverified
        ? {
            ...written,
            warnings: [
              ...written.warnings,
              `Could not read it back to confirm it stayed as written: ${result.unverified}`,
            ],
          }
        : written,
    );
  };

  const overwrite = (seen: readonly Conflict[], items: readonly WriteItem[]) => {
    for (const { item, current } of seen) {
      if (current) basesRef.current[item.path] = versionOf(current);
      else delete basesRef.current[item.path];
    }
    return save(items);
  };

  return {
    phase,
    server,
    setServer,
    conflicts,
    dismissConflicts: () => setConflicts(undefined),
    outcome,
    save,
    overwrite,
  };
}
