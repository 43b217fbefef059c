/**
 * The frame every gateway form shares: validation while typing, the live YAML and commands, the
 * diff against what is stored, drafts, the conflict check before a write, the writes, the
 * control plane's errors on their fields, and the read-only ending.
 */

import { toNestErrors } from '@hookform/resolvers';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type DefaultValues,
  type FieldError,
  type FieldValues,
  FormProvider,
  type Resolver,
  useForm,
  useWatch,
} from 'react-hook-form';
import { useLocation } from 'react-router';
import {
  type BaseVersion,
  canonicalJson,
  normalizeStored,
  type Resource,
  versionOf,
} from '../../kuma/mutations/resource-version';
import { useSaveMutation } from '../../kuma/mutations/use-writes';
import { storedFormOf } from '../../kuma/mutations/write-echo';
import type { Conflict, SaveResult, WriteItem, WriteOutcome } from '../../kuma/mutations/writes';
import { useKumaApi } from '../../ui/api-context';
import { conflictText, conflictTitle } from './conflict-text';
import { ConfirmDialog } from './dialog';
import { clearDraft, type Draft, loadDraft, restoreSecrets, saveDraft } from './drafts';
import { FORM_ROOT, type FormIssue } from './field-paths';
import { fieldId, IssueProvider, type IssueView, isVisible } from './issues';
import { createdMeanwhile, createdMeanwhileText, nameTargets } from './name-check';
import { useNameCheck } from './name-check-query';
import { DiffView, PreviewBlock } from './preview';
import { type ApplyTool, applyCommand } from './resource-text';
import {
  type Editor,
  EditorSwitch,
  YamlMode,
  type YamlModeOptions,
  yamlBlockedReason,
} from './yaml-mode';
import { displayYaml, storedDiff } from './yaml-output';
import './forms.css';

/** What a form's current values stand for. */
export interface Evaluation {
  errors: FormIssue[];
  warnings: FormIssue[];
  /** The resources to write, in order (a gateway before its Dataplanes). */
  items: WriteItem[];
  /** Documents for `kumactl apply`; undefined when Universal YAML does not apply. */
  universal?: unknown[];
  /** Documents for `kubectl apply`; undefined when Kubernetes YAML does not apply. */
  kubernetes?: unknown[];
  /** Further copyable blocks (Helm values, kuma-dp commands). */
  extraBlocks?: { label: string; text: string; testId: string }[];
}

export interface ResourceFormProps<T extends FieldValues> {
  mode: 'create' | 'edit';
  draftKey: string;
  /** Values of a new form, or of the stored resource(s). */
  initial: T;
  /** Stored resources the form was opened on (edit), for the diff and the conflict check. */
  stored?: { path: string; resource: Resource }[];
  evaluate: (values: T) => Evaluation;
  /** The fields. */
  children: (values: T, evaluation: Evaluation) => ReactNode;
  /** What replaces the form after a successful write. */
  success: (outcome: WriteOutcome) => ReactNode;
  /** Controls beside the submit button (e.g. Delete). */
  secondaryActions?: ReactNode;
  /** The tool the environment's users apply YAML with. */
  tool: ApplyTool;
  /** Label of the form, for screen readers. */
  label: string;
  /** Offers a YAML mode for the same resources (see `yaml-mode.tsx`). */
  yaml?: YamlModeOptions<T>;
}

/** The react-hook-form name of the control an event came from ('' for anything else). */
function controlName(target: EventTarget): string {
  const name = (target as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

function sameIssue(a: FormIssue, b: FormIssue): boolean {
  return a.field === b.field && a.message === b.message && a.severity === b.severity;
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** Flat `{field: error}` for react-hook-form; the form's own display does not depend on it. */
function toFlatErrors(issues: readonly FormIssue[]): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const key = issue.field === FORM_ROOT ? 'root.form' : issue.field;
    errors[key] ??= { type: 'kuma', message: issue.message };
  }
  return errors;
}

export function ResourceForm<T extends FieldValues>(props: ResourceFormProps<T>) {
  const { mode, draftKey, initial, stored, evaluate, tool } = props;
  const api = useKumaApi();
  // The save refreshes what it made stale itself (lists, details, topology, name checks).
  const saveMutation = useSaveMutation(api);
  // Kept with each draft, so the lists of drafts lead back to this form.
  const location = useLocation();
  const at = `${location.pathname}${location.search}`;
  const storedBases = useMemo(
    () =>
      Object.fromEntries(
        (stored ?? []).map(({ path, resource }) => [path, versionOf(resource)]),
      ) as Record<string, BaseVersion>,
    [stored],
  );

  const [draft] = useState<Draft<T> | undefined>(() => loadDraft<T>(draftKey));
  const [draftNotice, setDraftNotice] = useState(draft !== undefined);
  const basesRef = useRef<Record<string, BaseVersion>>(draft?.bases ?? storedBases);

  const resolver = useCallback<Resolver<T>>(
    async (values, _context, options) => {
      const evaluation = evaluate(values);
      const errors = toFlatErrors(evaluation.errors);
      return Object.keys(errors).length === 0
        ? { values, errors: {} }
        : { values: {}, errors: toNestErrors(errors, options) };
    },
    [evaluate],
  );
  const methods = useForm<T>({
    defaultValues: (draft ? restoreSecrets(draft.values, initial) : initial) as DefaultValues<T>,
    mode: 'onChange',
    resolver,
    shouldFocusError: false,
  });
  const values = useWatch({ control: methods.control }) as T;
  const evaluation = evaluate(values);
  // A name that is taken is said while typing, not at submit as an overwrite offer.
  const nameCheck = useNameCheck(
    api,
    nameTargets(evaluation.items, basesRef.current, evaluation.errors),
  );

  const [worked, setWorked] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(mode === 'edit' || draft !== undefined);
  const [server, setServer] = useState<{
    issues: FormIssue[];
    message?: string;
    readOnly?: string;
  }>({ issues: [] });
  const [phase, setPhase] = useState<'idle' | 'checking' | 'saving'>('idle');
  const [conflicts, setConflicts] = useState<Conflict[] | undefined>();
  const [outcome, setOutcome] = useState<WriteOutcome | undefined>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor>('form');
  const valuesFromYaml = useCallback(
    (next: T) => methods.reset(next, { keepDefaultValues: true }),
    [methods],
  );

  const mark = useCallback((field: string) => {
    if (!field) return;
    setWorked((current) => (current.has(field) ? current : new Set(current).add(field)));
    setServer((current) =>
      current.issues.some((issue) => related(issue.field, field))
        ? { ...current, issues: current.issues.filter((issue) => !related(issue.field, field)) }
        : current,
    );
  }, []);

  const visibleIssues = useMemo(() => {
    const live = [...evaluation.errors, ...evaluation.warnings].filter(
      (issue) => showAll || isVisible(issue.field, worked),
    );
    const all = [...server.issues];
    for (const issue of [...nameCheck.issues, ...live]) {
      if (!all.some((other) => sameIssue(other, issue))) all.push(issue);
    }
    return all;
  }, [evaluation, nameCheck.issues, server.issues, showAll, worked]);

  const view = useMemo<IssueView>(
    () => ({
      at: (field) =>
        visibleIssues
          .filter((issue) => issue.field === field)
          .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
      mark,
    }),
    [visibleIssues, mark],
  );

  // Drafts: saved shortly after each change, removed when the values are back to the start.
  // The pending save is cancelled by a successful write, or it would bring back what was written.
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const initialJson = canonicalJson(initial);
    const subscription = methods.watch((current) => {
      clearTimeout(draftTimer.current);
      draftTimer.current = setTimeout(() => {
        if (canonicalJson(current) === initialJson) clearDraft(draftKey);
        else {
          saveDraft(draftKey, {
            savedAt: new Date().toISOString(),
            values: current as T,
            bases: basesRef.current,
            at,
          });
        }
      }, 250);
    });
    return () => {
      clearTimeout(draftTimer.current);
      subscription.unsubscribe();
    };
  }, [methods, draftKey, initial, at]);

  const discardDraft = () => {
    clearDraft(draftKey);
    basesRef.current = storedBases;
    methods.reset(initial);
    setDraftNotice(false);
    setWorked(new Set());
    setShowAll(mode === 'edit');
    setServer({ issues: [] });
  };

  const readOnlyItems = evaluation.items.filter((item) => server.readOnly || item.readOnlyReason);
  const writableItems = evaluation.items.filter((item) => !server.readOnly && !item.readOnlyReason);
  const withBases = (items: readonly WriteItem[]) =>
    items.map((item) => ({ ...item, base: basesRef.current[item.path] }));

  const keepDraft = () =>
    saveDraft(draftKey, {
      savedAt: new Date().toISOString(),
      values: methods.getValues(),
      bases: basesRef.current,
      at,
    });

  /**
   * Check, write, re-read (see `saveItems`). Ends on the success view only when everything
   * written is what is stored after the settle window; otherwise on the conflict dialog.
   */
  const save = async (items: WriteItem[]) => {
    setServer({ issues: [] });
    setConflicts(undefined);
    if (items.length === 0) return;
    setPhase('checking');
    let result: SaveResult;
    try {
      result = await saveMutation.mutateAsync({ items, onWriting: () => setPhase('saving') });
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
    const { outcome } = result;
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
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (result.conflicts.length > 0) {
      setConflicts(result.conflicts);
      keepDraft();
      return;
    }
    if (!outcome) return;
    if (outcome.failure) {
      const { failure } = outcome;
      setServer({
        issues: failure.issues,
        message: `${failure.item.label} was not ${mode === 'create' ? 'created' : 'saved'}: ${failure.message}`,
        readOnly: failure.readOnly ? failure.message : undefined,
      });
      keepDraft();
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    clearTimeout(draftTimer.current);
    clearDraft(draftKey);
    setOutcome(
      result.unverified
        ? {
            ...outcome,
            warnings: [
              ...outcome.warnings,
              `Could not read it back to confirm it stayed as written: ${result.unverified}`,
            ],
          }
        : outcome,
    );
  };

  const onValid = () => (nameCheck.taken ? onInvalid() : save(withBases(writableItems)));

  /**
   * Overwrite from the conflict dialog: the user has seen what is stored now, so that becomes
   * the base, and the save checks again (a third change since the dialog opened is asked about
   * again, not overwritten unseen).
   */
  const overwrite = (seen: readonly Conflict[]) => {
    for (const { item, current } of seen) {
      if (current) basesRef.current[item.path] = versionOf(current);
      else delete basesRef.current[item.path];
    }
    void save(withBases(writableItems));
  };

  const onInvalid = () => {
    setShowAll(true);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  if (outcome) {
    return (
      <section className="card gwf-success" aria-labelledby="gwf-success-heading">
        <h2 id="gwf-success-heading" role="status">
          {mode === 'create' ? 'Created' : 'Saved'}:{' '}
          {outcome.written.map(({ item }) => item.label).join(', ')}
        </h2>
        {outcome.warnings.length > 0 && (
          <div className="banner banner--warning" data-testid="write-warnings">
            <strong>The control plane accepted it with warnings:</strong>
            <ul>
              {outcome.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        )}
        {props.success(outcome)}
      </section>
    );
  }

  const submitted = showAll;
  const errorList = visibleIssues.filter((issue) => issue.severity === 'error');
  const warningCount = evaluation.warnings.length;
  const universalYaml = evaluation.universal ? displayYaml(evaluation.universal) : undefined;
  const kubernetesYaml = evaluation.kubernetes ? displayYaml(evaluation.kubernetes) : undefined;
  const commandYaml = tool === 'kubectl' ? kubernetesYaml : universalYaml;
  const readOnlyYaml =
    tool === 'kubectl'
      ? kubernetesYaml
      : readOnlyItems.length > 0
        ? displayYaml(readOnlyItems.map((item) => item.resource))
        : undefined;
  const reasons = [
    ...new Set(
      [server.readOnly, ...readOnlyItems.map((item) => item.readOnlyReason)].filter(
        (reason): reason is string => Boolean(reason),
      ),
    ),
  ];
  const diff =
    mode === 'edit' && stored && stored.length > 0
      ? storedDiff(
          stored.map(({ resource }) => normalizeStored(resource)),
          stored.flatMap(({ path }) =>
            evaluation.items
              .filter((item) => item.path === path)
              .map((item) => normalizeStored(item.resource)),
          ),
        )
      : undefined;
  const busy = phase !== 'idle';

  return (
    <FormProvider {...methods}>
      <IssueProvider view={view}>
        {draftNotice && (
          <div className="banner banner--info gwf-draft" role="status" data-testid="draft-notice">
            Restored your unsaved draft
            {draft?.savedAt ? ` from ${new Date(draft.savedAt).toLocaleString()}` : ''}.{' '}
            <button type="button" className="button button--small" onClick={discardDraft}>
              Discard draft
            </button>
          </div>
        )}
        {props.yaml && (
          <EditorSwitch
            editor={editor}
            onChange={setEditor}
            blocked={yamlBlockedReason(evaluation.items)}
          />
        )}
        {editor === 'yaml' && props.yaml && (
          <YamlMode<T>
            options={props.yaml}
            items={evaluation.items}
            mode={mode}
            tool={tool}
            phase={phase}
            server={server}
            onApply={(items) => void save(withBases(items))}
            onValues={valuesFromYaml}
            secondaryActions={props.secondaryActions}
          />
        )}
        {/* Hidden, not unmounted, in YAML mode: the form keeps its rows and the draft. */}
        <div className="gwf-layout" hidden={editor === 'yaml'}>
          <form
            className="gwf-form"
            aria-label={props.label}
            noValidate
            onSubmit={methods.handleSubmit(onValid, onInvalid)}
            onChange={(event) => mark(controlName(event.target))}
            onBlur={(event) => mark(controlName(event.target))}
          >
            {props.children(values, evaluation)}

            {(submitted && errorList.length > 0) || server.message ? (
              <div
                className="gwf-summary"
                role="alert"
                tabIndex={-1}
                ref={summaryRef}
                data-testid="error-summary"
              >
                {server.message && <p className="gwf-summary__title">{server.message}</p>}
                {errorList.length > 0 && (
                  <>
                    <p className="gwf-summary__title">
                      {errorList.length} problem{errorList.length === 1 ? '' : 's'} to fix before{' '}
                      {mode === 'create' ? 'creating' : 'saving'}:
                    </p>
                    <ul>
                      {errorList.map((issue, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: issues are positional
                        <li key={i}>
                          {issue.field ? (
                            <a
                              href={`#${fieldId(issue.field)}`}
                              onClick={(event) => {
                                event.preventDefault();
                                document.getElementById(fieldId(issue.field))?.focus();
                              }}
                            >
                              {issue.kumaPath ? <code>{issue.kumaPath}</code> : null}
                              {issue.kumaPath ? ': ' : ''}
                              {issue.message}
                            </a>
                          ) : (
                            <>
                              {issue.kumaPath ? <code>{issue.kumaPath}</code> : null}
                              {issue.kumaPath ? ': ' : ''}
                              {issue.message}
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            ) : (
              <div ref={summaryRef} tabIndex={-1} />
            )}

            {readOnlyItems.length > 0 && (
              <section
                className="gwf-readonly banner banner--warning"
                aria-labelledby="gwf-readonly-heading"
                data-testid="read-only-end"
              >
                <h2 id="gwf-readonly-heading">
                  {writableItems.length === 0
                    ? 'Apply it yourself'
                    : `Not written here: ${readOnlyItems.map((item) => item.label).join(', ')}`}
                </h2>
                {reasons.map((reason) => (
                  <p key={reason}>{reason}</p>
                ))}
                <p>
                  {errorList.length > 0 || evaluation.errors.length > 0
                    ? `Fix the problems above first: the control plane would reject this YAML. `
                    : ''}
                  Apply it with <code>{tool} apply</code>:
                </p>
                {readOnlyYaml && (
                  <PreviewBlock
                    label={`${tool} apply`}
                    text={applyCommand(tool, readOnlyYaml)}
                    testId="read-only-command"
                  />
                )}
              </section>
            )}

            <div className="gwf-actions">
              {writableItems.length > 0 && (
                <button
                  type="submit"
                  className="button button--primary"
                  disabled={busy || nameCheck.taken}
                  aria-busy={busy || undefined}
                >
                  {mode === 'create' ? 'Create' : 'Save'}
                </button>
              )}
              {busy && (
                <span role="status" className="muted">
                  {phase === 'checking' ? 'Checking the stored version…' : 'Writing…'}
                </span>
              )}
              {warningCount > 0 && !busy && (
                <span className="muted">
                  {warningCount} warning{warningCount === 1 ? '' : 's'}: the control plane accepts
                  this, but it will not work as expected.
                </span>
              )}
              {props.secondaryActions}
            </div>
          </form>

          <aside className="gwf-preview" aria-labelledby="gwf-preview-heading">
            <h2 id="gwf-preview-heading">Preview</h2>
            {diff && (
              <DiffView
                lines={diff}
                label="Changes to what is stored"
                testId="yaml-diff"
                emptyText="No changes to what is stored yet."
              />
            )}
            {universalYaml !== undefined && (
              <PreviewBlock
                label="Universal (kumactl apply)"
                text={universalYaml}
                testId="yaml-universal"
              />
            )}
            {kubernetesYaml !== undefined && (
              <PreviewBlock
                label="Kubernetes (kubectl apply)"
                text={kubernetesYaml}
                testId="yaml-kubernetes"
              />
            )}
            {commandYaml !== undefined && (
              <PreviewBlock
                label={`${tool} apply -f -`}
                text={applyCommand(tool, commandYaml)}
                testId="apply-command"
                maxHeight={200}
              />
            )}
            {evaluation.extraBlocks?.map((block) => (
              <PreviewBlock
                key={block.testId}
                label={block.label}
                text={block.text}
                testId={block.testId}
              />
            ))}
          </aside>
        </div>

        {conflicts && (
          <ConfirmDialog
            title={conflictTitle(conflicts)}
            testId="conflict-dialog"
            onCancel={() => setConflicts(undefined)}
            actions={
              <>
                <button
                  type="button"
                  className="button"
                  data-autofocus
                  onClick={() => setConflicts(undefined)}
                >
                  Cancel
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => overwrite(conflicts)}
                >
                  Overwrite
                </button>
              </>
            }
          >
            {conflicts.map((conflict) => {
              const { item, current } = conflict;
              return (
                <div key={item.path}>
                  <p>{conflictText(conflict)}</p>
                  {current !== undefined && (
                    <DiffView
                      lines={storedDiff(
                        [normalizeStored(current)],
                        [normalizeStored(storedFormOf(api.caps, item.resource))],
                      )}
                      label="Stored now → your version"
                      testId="conflict-diff"
                    />
                  )}
                </div>
              );
            })}
          </ConfirmDialog>
        )}
      </IssueProvider>
    </FormProvider>
  );
}
