/**
 * The YAML mode of the shared form frame (`ResourceForm`): paste or edit the resources a form
 * writes as YAML, in Universal or Kubernetes form, checked while typing with the form's own
 * verdict, every message on its line, a diff against what is stored now, then the frame's own
 * save (the conflict check, the write, the re-read). Generic: a form opts in with the kinds it
 * writes and how resources become its values (`YamlModeOptions`), so switching keeps the draft.
 */

import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { normalizeStored, type Resource } from '../../kuma/mutations/resource-version';
import { storedFormOf, withoutComputedLabels } from '../../kuma/mutations/write-echo';
import { readOnlyReasonFor, resourcePath, type WriteItem } from '../../kuma/mutations/writes';
import { useKumaApi } from '../../ui/api-context';
import type { FormIssue } from './field-paths';
import { diffLines } from './line-diff';
import type { FormContext } from './model';
import { DiffView, PreviewBlock } from './preview';
import { type ApplyTool, applyCommand } from './resource-text';
import {
  checkYamlResources,
  parseResourceYaml,
  type YamlFlavour,
  type YamlIssue,
} from './yaml-document';
import { displayYaml, META_ORDER, orderLike } from './yaml-output';
import './yaml-mode.css';
import { lineStarts, resourcesText, useCurrent, YamlEditor } from './yaml-editor';

/** What a form gives the frame to offer a YAML mode. */
export interface YamlModeOptions<T> {
  /** The resource kinds the form writes (e.g. `['MeshHTTPRoute']`). */
  kinds: readonly string[];
  ctx: FormContext;
  /** Edit mode: the stored resource's name, which stays. */
  storedName?: string;
  /** The mesh's secret names when readable (certificate warnings). */
  secretNames?: readonly string[];
  /** Resources (REST form) → the form's values, to switch back; undefined when they do not fit. */
  toValues: (resources: Resource[]) => T | undefined;
}

export interface YamlModeProps<T> {
  options: YamlModeOptions<T>;
  /** The form's resources when the mode opened. */
  items: readonly WriteItem[];
  mode: 'create' | 'edit';
  tool: ApplyTool;
  phase: 'idle' | 'checking' | 'saving';
  server: { issues: FormIssue[]; message?: string; readOnly?: string };
  onApply: (items: WriteItem[]) => void;
  /** The YAML read as form values (kept as the draft). */
  onValues: (values: T) => void;
  secondaryActions?: ReactNode;
}

export function YamlMode<T>(props: YamlModeProps<T>) {
  const { options, mode, tool, phase, server } = props;
  const { ctx } = options;
  const api = useKumaApi();
  const { caps } = api;
  const [flavour, setFlavour] = useState<YamlFlavour>(
    tool === 'kubectl' ? 'kubernetes' : 'universal',
  );
  const [text, setText] = useState(() =>
    resourcesText(
      props.items.map((item) => item.resource),
      flavour,
      ctx.systemNamespace,
    ),
  );
  const [submitted, setSubmitted] = useState(false);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const issuesId = useId();

  const parsed = useMemo(() => parseResourceYaml(text, ctx.mesh), [text, ctx.mesh]);
  const paths = parsed.resources.map((entry) => resourcePath(caps, entry.resource));
  const current = useCurrent(paths);
  // Checked on every render: a few resources' rules cost less than keeping a memo honest about
  // the stored copies it depends on.
  const issues = checkYamlResources(parsed, {
    kinds: options.kinds,
    ctx,
    storedName: options.storedName,
    secretNames: options.secretNames,
    isNew: (resource) => !current.get(resourcePath(caps, resource))?.data,
  });
  const serverIssues: YamlIssue[] = server.issues.map((issue) => {
    const index = Number(/^yaml-(\d+)$/.exec(issue.field)?.[1] ?? 0);
    const entry = parsed.resources[index];
    return {
      line: entry && issue.kumaPath !== undefined ? entry.lineOf(issue.kumaPath) : undefined,
      severity: 'error',
      message: issue.message,
      kumaPath: issue.kumaPath,
    };
  });
  const allIssues = [...serverIssues, ...issues];
  const errors = allIssues.filter((issue) => issue.severity === 'error');

  // The YAML, read as the form's values, is the draft: switching back shows it.
  const { onValues, toValues } = { onValues: props.onValues, toValues: options.toValues };
  useEffect(() => {
    if (parsed.issues.length > 0 || parsed.resources.length === 0) return;
    if (!parsed.resources.every((entry) => options.kinds.includes(entry.resource.type))) return;
    let values: T | undefined;
    try {
      values = toValues(parsed.resources.map((entry) => entry.resource as unknown as Resource));
    } catch {
      values = undefined;
    }
    if (values !== undefined) onValues(values);
  }, [parsed, options.kinds, toValues, onValues]);

  const items: WriteItem[] = parsed.resources.map((entry, index) => ({
    resource: entry.resource as unknown as Resource,
    label: `${entry.resource.type} ${entry.resource.name}`,
    path: resourcePath(caps, entry.resource),
    readOnlyReason: readOnlyReasonFor(caps, entry.resource.type),
    toField: () => `yaml-${index}`,
  }));
  const writable = items.filter((item) => !item.readOnlyReason && !server.readOnly);
  const readOnly = items.length > 0 && writable.length === 0;

  // Labels kuma-cp computes on store (origin, zone, …) are no change unless the YAML sets them;
  // ours is shown as kuma-cp will store it (defaults filled in), in the stored key order.
  const before: Resource[] = [];
  const after: unknown[] = [];
  for (const item of items) {
    const stored = current.get(item.path)?.data;
    const kept = stored
      ? (orderLike(
          normalizeStored(withoutComputedLabels(stored, item.resource)),
          META_ORDER,
        ) as Resource)
      : undefined;
    if (kept) before.push(kept);
    after.push(orderLike(normalizeStored(storedFormOf(caps, item.resource)), kept ?? META_ORDER));
  }
  const diff = diffLines(displayYaml(before), displayYaml(after));
  const loadingCurrent = paths.some((path) => current.get(path)?.isPending);

  const jump = (line: number | undefined) => {
    const editor = editorRef.current;
    if (!editor || line === undefined) return;
    const starts = lineStarts(text);
    const start = starts[line - 1] ?? 0;
    const end = (starts[line] ?? text.length + 1) - 1;
    editor.focus();
    editor.setSelectionRange(start, end);
    const lineHeight = editor.scrollHeight / Math.max(1, starts.length);
    editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const switchFlavour = (next: YamlFlavour) => {
    setFlavour(next);
    if (parsed.issues.length > 0 || parsed.resources.length === 0) return;
    setText(
      resourcesText(
        parsed.resources.map((entry) => entry.resource as unknown as Resource),
        next,
        ctx.systemNamespace,
      ),
    );
  };

  // What the text is written in (a paste decides), else the last choice.
  const shownFlavour = parsed.resources[0]?.flavour ?? flavour;
  const busy = phase !== 'idle';
  const apply = () => {
    setSubmitted(true);
    if (errors.length > 0) {
      jump(errors[0]?.line);
      return;
    }
    props.onApply(writable);
  };

  return (
    <div className="gwf-layout" data-testid="yaml-mode">
      <div className="gwf-form">
        <div className="gwf-yaml__flavour">
          <fieldset>
            <legend>Write as</legend>
            {(['universal', 'kubernetes'] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                className={`button button--small${shownFlavour === choice ? ' button--primary' : ''}`}
                aria-pressed={shownFlavour === choice}
                onClick={() => switchFlavour(choice)}
              >
                {choice === 'universal' ? 'Universal' : 'Kubernetes'}
              </button>
            ))}
          </fieldset>
          <span className="muted">
            Paste or edit {options.kinds.join(', ')} in either form: type/mesh/name, or apiVersion
            kuma.io/v1alpha1 with kind, metadata and spec.
          </span>
        </div>
        <YamlEditor
          text={text}
          onChange={(next) => {
            setText(next);
            setSubmitted(false);
          }}
          issues={allIssues}
          issuesId={issuesId}
          editorRef={editorRef}
        />
        {allIssues.length > 0 && (
          <div
            id={issuesId}
            className="gwf-yaml__issues"
            role={submitted && errors.length > 0 ? 'alert' : undefined}
            data-testid="yaml-issues"
          >
            <p className="gwf-summary__title">
              {errors.length > 0
                ? `${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before ${mode === 'create' ? 'creating' : 'saving'}`
                : `${allIssues.length} warning${allIssues.length === 1 ? '' : 's'}: the control plane accepts this, but it will not work as expected`}
            </p>
            <ul>
              {allIssues.map((issue, i) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues are positional
                  key={i}
                  className={issue.severity === 'error' ? 'gwf-error' : 'gwf-warning'}
                  data-line={issue.line}
                  data-testid="yaml-issue"
                >
                  {issue.line !== undefined ? (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      onClick={() => jump(issue.line)}
                    >
                      Line {issue.line}
                    </button>
                  ) : null}{' '}
                  {issue.severity === 'warning' && (
                    <span className="gwf-warning__tag">Warning:</span>
                  )}{' '}
                  {issue.kumaPath ? <code>{issue.kumaPath}</code> : null}
                  {issue.kumaPath ? ': ' : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {server.message && (
          <p className="gwf-summary__title" role="alert">
            {server.message}
          </p>
        )}
        {readOnly ? (
          <section className="gwf-readonly banner banner--warning" data-testid="read-only-end">
            <h2>Apply it yourself</h2>
            {[...new Set(items.map((item) => item.readOnlyReason ?? server.readOnly))].map(
              (reason) => (
                <p key={reason}>{reason}</p>
              ),
            )}
            <PreviewBlock
              label={`${tool} apply`}
              text={applyCommand(
                tool,
                tool === 'kubectl'
                  ? resourcesText(
                      items.map((item) => item.resource),
                      'kubernetes',
                      ctx.systemNamespace,
                    )
                  : text,
              )}
              testId="read-only-command"
            />
          </section>
        ) : (
          <div className="gwf-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy || items.length === 0}
              aria-busy={busy || undefined}
              onClick={apply}
              data-testid="yaml-apply"
            >
              {mode === 'create' ? 'Create' : 'Save'}
            </button>
            {busy && (
              <span role="status" className="muted">
                {phase === 'checking' ? 'Checking the stored version…' : 'Writing…'}
              </span>
            )}
            {props.secondaryActions}
          </div>
        )}
      </div>
      <aside className="gwf-preview" aria-labelledby="gwf-yaml-preview-heading">
        <h2 id="gwf-yaml-preview-heading">Before applying</h2>
        <DiffView
          lines={diff}
          label="Changes to what is stored now"
          testId="yaml-mode-diff"
          emptyText={
            loadingCurrent
              ? 'Reading what is stored…'
              : items.length === 0
                ? 'Nothing to compare yet.'
                : 'No changes to what is stored.'
          }
        />
      </aside>
    </div>
  );
}
