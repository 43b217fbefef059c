/**
 * The pieces of a resource form's frame, drawn from what they are given: the success view, the
 * error summary, the read-only ending, the preview and the conflict dialog.
 */
import type { ReactNode, RefObject } from 'react';
import type { Capabilities } from '../../kuma/capabilities';
import { normalizeStored } from '../../kuma/mutations/resource-version';
import { storedFormOf } from '../../kuma/mutations/write-echo';
import type { Conflict, WriteItem, WriteOutcome } from '../../kuma/mutations/writes';
import { conflictText, conflictTitle } from './conflict-text';
import { ConfirmDialog } from './dialog';
import type { FormIssue } from './field-paths';
import { fieldId } from './issues';
import type { DiffLine } from './line-diff';
import { DiffView, PreviewBlock } from './preview';
import { type ApplyTool, applyCommand } from './resource-text';
import { storedDiff } from './yaml-output';

export function SuccessView({
  mode,
  outcome,
  children,
}: {
  mode: 'create' | 'edit';
  outcome: WriteOutcome;
  children: ReactNode;
}) {
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
      {children}
    </section>
  );
}

export function ErrorSummary({
  show,
  message,
  errors,
  mode,
  summaryRef,
}: {
  /** Whether the form's own errors are listed (after a submit, or on an edit form). */
  show: boolean;
  message: string | undefined;
  errors: readonly FormIssue[];
  mode: 'create' | 'edit';
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const errorList = show ? errors : [];
  const server = { message };
  return (
    <>
      {errorList.length > 0 || server.message ? (
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
    </>
  );
}

export function ReadOnlyEnd({
  readOnlyItems,
  writableCount,
  reasons,
  hasErrors,
  tool,
  readOnlyYaml,
}: {
  readOnlyItems: readonly WriteItem[];
  writableCount: number;
  reasons: readonly string[];
  hasErrors: boolean;
  tool: ApplyTool;
  readOnlyYaml: string | undefined;
}) {
  return (
    <>
      {readOnlyItems.length > 0 && (
        <section
          className="gwf-readonly banner banner--warning"
          aria-labelledby="gwf-readonly-heading"
          data-testid="read-only-end"
        >
          <h2 id="gwf-readonly-heading">
            {writableCount === 0
              ? 'Apply it yourself'
              : `Not written here: ${readOnlyItems.map((item) => item.label).join(', ')}`}
          </h2>
          {reasons.map((reason) => (
            <p key={reason}>{reason}</p>
          ))}
          <p>
            {hasErrors
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
    </>
  );
}

export function PreviewAside({
  diff,
  universalYaml,
  kubernetesYaml,
  commandYaml,
  tool,
  extraBlocks,
}: {
  diff: DiffLine[] | undefined;
  universalYaml: string | undefined;
  kubernetesYaml: string | undefined;
  commandYaml: string | undefined;
  tool: ApplyTool;
  extraBlocks: readonly { label: string; text: string; testId: string }[] | undefined;
}) {
  return (
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
      {extraBlocks?.map((block) => (
        <PreviewBlock
          key={block.testId}
          label={block.label}
          text={block.text}
          testId={block.testId}
        />
      ))}
    </aside>
  );
}

export function ConflictDialog({
  conflicts,
  caps,
  onCancel,
  onOverwrite,
}: {
  conflicts: readonly Conflict[];
  caps: Pick<Capabilities, 'version' | 'environment'>;
  onCancel: () => void;
  onOverwrite: () => void;
}) {
  return (
    <ConfirmDialog
      title={conflictTitle(conflicts)}
      testId="conflict-dialog"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={onOverwrite}>
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
                  [normalizeStored(storedFormOf(caps, item.resource))],
                )}
                label="Stored now → your version"
                testId="conflict-diff"
              />
            )}
          </div>
        );
      })}
    </ConfirmDialog>
  );
}
