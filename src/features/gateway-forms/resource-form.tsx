/**
 * The frame every gateway form shares: validation while typing, the live YAML and commands, the
 * diff against what is stored, drafts, the conflict check before a write, the writes, the
 * control plane's errors on their fields, and the read-only ending.
 */

import { toNestErrors } from '@hookform/resolvers';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
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
  normalizeStored,
  type Resource,
  versionOf,
} from '../../kuma/mutations/resource-version';
import type { WriteItem, WriteOutcome } from '../../kuma/mutations/writes';
import { useKumaApi } from '../../ui/api-context';
import { FORM_ROOT, type FormIssue } from './field-paths';
import { IssueProvider, type IssueView, isVisible } from './issues';
import { nameTargets } from './name-check';
import { useNameCheck } from './name-check-query';
import {
  ConflictDialog,
  ErrorSummary,
  PreviewAside,
  ReadOnlyEnd,
  SuccessView,
} from './resource-form-parts';
import type { ApplyTool } from './resource-text';
import { useDraft, useDraftAutosave } from './use-draft';
import { useGuardedWrite } from './use-guarded-write';
import { type Editor, EditorSwitch, yamlBlockedReason } from './yaml-editor';
import { YamlMode, type YamlModeOptions } from './yaml-mode';
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

  const draft = useDraft(draftKey, initial, storedBases);
  const { basesRef } = draft;

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
    defaultValues: draft.defaultValues as DefaultValues<T>,
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
  const [showAll, setShowAll] = useState(mode === 'edit' || draft.loaded !== undefined);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = useCallback(
    () => requestAnimationFrame(() => summaryRef.current?.focus()),
    [],
  );
  const autosave = useDraftAutosave(draftKey, methods, initial, at, basesRef);
  const write = useGuardedWrite({
    api,
    mode,
    basesRef,
    keepDraft: autosave.keep,
    clearDraft: autosave.clear,
    focusSummary,
  });
  const { server, setServer, phase, conflicts, outcome } = write;
  const [editor, setEditor] = useState<Editor>('form');
  const valuesFromYaml = useCallback(
    (next: T) => methods.reset(next, { keepDefaultValues: true }),
    [methods],
  );

  const mark = useCallback(
    (field: string) => {
      if (!field) return;
      setWorked((current) => (current.has(field) ? current : new Set(current).add(field)));
      setServer((current) =>
        current.issues.some((issue) => related(issue.field, field))
          ? { ...current, issues: current.issues.filter((issue) => !related(issue.field, field)) }
          : current,
      );
    },
    [setServer],
  );

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

  const discardDraft = () => {
    autosave.clear();
    basesRef.current = storedBases;
    methods.reset(initial);
    draft.hideNotice();
    setWorked(new Set());
    setShowAll(mode === 'edit');
    setServer({ issues: [] });
  };

  const readOnlyItems = evaluation.items.filter((item) => server.readOnly || item.readOnlyReason);
  const writableItems = evaluation.items.filter((item) => !server.readOnly && !item.readOnlyReason);
  const onValid = () => (nameCheck.taken ? onInvalid() : write.save(writableItems));

  const onInvalid = () => {
    setShowAll(true);
    focusSummary();
  };

  if (outcome) {
    return (
      <SuccessView mode={mode} outcome={outcome}>
        {props.success(outcome)}
      </SuccessView>
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
        {draft.notice && (
          <div className="banner banner--info gwf-draft" role="status" data-testid="draft-notice">
            Restored your unsaved draft
            {draft.loaded?.savedAt
              ? ` from ${new Date(draft.loaded.savedAt).toLocaleString()}`
              : ''}
            .{' '}
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
            onApply={(items) => void write.save(items)}
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

            <ErrorSummary
              show={submitted}
              message={server.message}
              errors={errorList}
              mode={mode}
              summaryRef={summaryRef}
            />
            {readOnlyItems.length > 0 && (
              <ReadOnlyEnd
                readOnlyItems={readOnlyItems}
                writableCount={writableItems.length}
                reasons={reasons}
                hasErrors={errorList.length > 0 || evaluation.errors.length > 0}
                tool={tool}
                readOnlyYaml={readOnlyYaml}
              />
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

          <PreviewAside
            diff={diff}
            universalYaml={universalYaml}
            kubernetesYaml={kubernetesYaml}
            commandYaml={commandYaml}
            tool={tool}
            extraBlocks={evaluation.extraBlocks}
          />
        </div>

        {conflicts && (
          <ConflictDialog
            conflicts={conflicts}
            caps={api.caps}
            onCancel={write.dismissConflicts}
            onOverwrite={() => void write.overwrite(conflicts, writableItems)}
          />
        )}
      </IssueProvider>
    </FormProvider>
  );
}
