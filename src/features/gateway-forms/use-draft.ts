/**
 * A form's draft: read once when the form opens (its values become the form's defaults, its
 * bases the versions the form compares against), saved shortly after each change, removed when
 * the values are back to where they started, and kept or cleared by the save.
 */
import { type MutableRefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { type BaseVersion, canonicalJson } from '../../kuma/mutations/resource-version';
import { clearDraft, type Draft, loadDraft, restoreSecrets, saveDraft } from './drafts';

/** How long after the last change a draft is written. */
export const DRAFT_DEBOUNCE_MS = 250;

export interface DraftState<T> {
  /** The draft the form opened with, if any. */
  loaded: Draft<T> | undefined;
  /** The form's starting values: the draft's (its secrets put back from `initial`), else `initial`. */
  defaultValues: T;
  /** The stored versions the form compares against; the save moves them on. */
  basesRef: MutableRefObject<Record<string, BaseVersion>>;
  /** Whether "Restored your unsaved draft" is shown. */
  notice: boolean;
  hideNotice: () => void;
}

export function useDraft<T extends FieldValues>(
  key: string,
  initial: T,
  storedBases: Record<string, BaseVersion>,
): DraftState<T> {
  const [loaded] = useState<Draft<T> | undefined>(() => loadDraft<T>(key));
  const [defaultValues] = useState<T>(() =>
    loaded ? restoreSecrets(loaded.values, initial) : initial,
  );
  const [notice, setNotice] = useState(loaded !== undefined);
  const basesRef = useRef<Record<string, BaseVersion>>(loaded?.bases ?? storedBases);
  const hideNotice = useCallback(() => setNotice(false), []);
  return { loaded, defaultValues, basesRef, notice, hideNotice };
}

/**
 * Saves the form's values as the draft `DRAFT_DEBOUNCE_MS` after each change (with the bases
 * and `at`, the form's address, so the lists of drafts lead back to it), and at once when the
 * form is left with a save still pending. `keep` saves now; `clear` cancels a pending save (it
 * would bring back what was just written) and removes it.
 */
export function useDraftAutosave<T extends FieldValues>(
  key: string,
  methods: UseFormReturn<T>,
  initial: T,
  at: string,
  basesRef: MutableRefObject<Record<string, BaseVersion>>,
): { keep: () => void; clear: () => void } {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<(() => void) | undefined>(undefined);
  // The key as of the last render: a cleanup that sees another one ran for a new key, not for
  // leaving the form.
  const keyNow = useRef(key);
  keyNow.current = key;
  useEffect(() => {
    const initialJson = canonicalJson(initial);
    const subscription = methods.watch((current) => {
      clearTimeout(timer.current);
      const save = () => {
        pending.current = undefined;
        if (canonicalJson(current) === initialJson) clearDraft(key);
        else {
          saveDraft(key, {
            savedAt: new Date().toISOString(),
            values: current as T,
            bases: basesRef.current,
            at,
          });
        }
      };
      pending.current = save;
      timer.current = setTimeout(save, DRAFT_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer.current);
      subscription.unsubscribe();
      // Leaving the form right after a change saves it rather than drops it (a user who types
      // and clicks away at once lost the last keystrokes). Under a new key (another mesh picked)
      // the values are the new draft's, not this one's.
      if (keyNow.current === key) pending.current?.();
      pending.current = undefined;
    };
  }, [methods, key, initial, at, basesRef]);
  const keep = useCallback(
    () =>
      saveDraft(key, {
        savedAt: new Date().toISOString(),
        values: methods.getValues(),
        bases: basesRef.current,
        at,
      }),
    [key, methods, basesRef, at],
  );
  const clear = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = undefined;
    clearDraft(key);
  }, [key]);
  return { keep, clear };
}
