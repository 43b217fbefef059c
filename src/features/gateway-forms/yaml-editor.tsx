/**
 * The YAML mode's pieces: the Form / YAML switch, the editor with line numbers and marked
 * lines, what is stored now at each path, and the form's resources as YAML text.
 */

import { useQueries } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { z } from 'zod/mini';
import { KumaApiError } from '../../kuma/client';
import { normalizeStored, type Resource } from '../../kuma/mutations/resource-version';
import type { WriteItem } from '../../kuma/mutations/writes';
import { formKeys } from '../../kuma/queries/keys';
import { useKumaApi } from '../../ui/api-context';
import { redactInlineCertificates } from '../gateways';
import type { YamlFlavour, YamlIssue } from './yaml-document';
import { kubernetesObject, yamlStream } from './yaml-output';

export type Editor = 'form' | 'yaml';

/** "Edit as: Form | YAML", two toggle buttons. */
export function EditorSwitch({
  editor,
  onChange,
  blocked,
}: {
  editor: Editor;
  onChange: (editor: Editor) => void;
  /** Why YAML cannot be shown now (inline certificate data). */
  blocked?: string;
}) {
  return (
    <div className="gwf-editor-switch" data-testid="editor-switch">
      <fieldset className="gwf-editor-switch__buttons">
        <legend>Edit as</legend>
        {(['form', 'yaml'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button button--small${editor === choice ? ' button--primary' : ''}`}
            aria-pressed={editor === choice}
            disabled={choice === 'yaml' && editor === 'form' && blocked !== undefined}
            onClick={() => onChange(choice)}
          >
            {choice === 'form' ? 'Form' : 'YAML'}
          </button>
        ))}
      </fieldset>
      {blocked && editor === 'form' && <span className="muted">{blocked}</span>}
    </div>
  );
}

/** Why the form's resources cannot be shown as YAML, if they hold inline certificate data. */
export function yamlBlockedReason(items: readonly WriteItem[]): string | undefined {
  const redacted = items.some((item) => redactInlineCertificates(item.resource).redacted > 0);
  return redacted
    ? 'YAML is not offered: this resource holds inline certificate data, which the dashboard never shows.'
    : undefined;
}

/** The form's resources as YAML text in `flavour`. */
export function resourcesText(
  resources: readonly Resource[],
  flavour: YamlFlavour,
  systemNamespace: string,
): string {
  const clean = resources.map((resource) => normalizeStored(resource));
  return yamlStream(
    flavour === 'kubernetes'
      ? clean.map((resource) => kubernetesObject(resource, systemNamespace))
      : clean,
  );
}

const storedSchema = z.looseObject({ type: z.string(), name: z.string() });

/** What is stored now at each path (null: nothing), for the diff and the create/update verdict. */
export function useCurrent(paths: readonly string[]) {
  const api = useKumaApi();
  const results = useQueries({
    queries: paths.map((path) => ({
      queryKey: formKeys.yamlCurrent(api, path),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          return (await api.client.get(path, storedSchema, { signal })) as Resource;
        } catch (error) {
          if (error instanceof KumaApiError && error.status === 404) return null;
          throw error;
        }
      },
    })),
  });
  return new Map(paths.map((path, i) => [path, results[i]]));
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** A textarea with line numbers; lines with messages are marked in the gutter. */
export function YamlEditor({
  text,
  onChange,
  issues,
  issuesId,
  editorRef,
}: {
  text: string;
  onChange: (text: string) => void;
  issues: readonly YamlIssue[];
  issuesId: string;
  editorRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const gutterRef = useRef<HTMLPreElement>(null);
  const count = Math.max(1, text.split('\n').length);
  const marks = new Map<number, 'error' | 'warning'>();
  for (const issue of issues) {
    if (issue.line === undefined) continue;
    if (issue.severity === 'error' || !marks.has(issue.line)) marks.set(issue.line, issue.severity);
  }
  const id = useId();
  return (
    <div className="gwf-yaml">
      <label htmlFor={id}>YAML</label>
      <div className="gwf-yaml__editor">
        <pre className="gwf-yaml__gutter" aria-hidden="true" ref={gutterRef}>
          {Array.from({ length: count }, (_, i) => {
            const mark = marks.get(i + 1);
            return (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: line numbers are positions
                key={i}
                className={mark ? `gwf-yaml__line gwf-yaml__line--${mark}` : 'gwf-yaml__line'}
                data-line={i + 1}
              >
                {i + 1}
                {'\n'}
              </span>
            );
          })}
        </pre>
        <textarea
          id={id}
          ref={editorRef}
          className="gwf-yaml__text"
          value={text}
          rows={Math.min(40, Math.max(12, count + 1))}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-invalid={issues.some((issue) => issue.severity === 'error') || undefined}
          aria-describedby={issues.length > 0 ? issuesId : undefined}
          data-testid="yaml-editor"
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
    </div>
  );
}
