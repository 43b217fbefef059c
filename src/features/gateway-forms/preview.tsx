import { counted } from '../../lib/plural';
import { CodeBlock } from '../../ui/code-block';
import { CopyButton } from '../../ui/copy-button';
import { type DiffLine, diffText, foldUnchanged, hasChanges } from './line-diff';

/** A YAML (or shell) block with copy, wrapped for tests and end-to-end specs. */
export function PreviewBlock({
  label,
  text,
  testId,
  maxHeight = 360,
}: {
  label: string;
  text: string;
  testId: string;
  maxHeight?: number;
}) {
  return (
    <div data-testid={testId}>
      <CodeBlock text={text} label={label} maxHeight={maxHeight} />
    </div>
  );
}

const PREFIX = { same: ' ', removed: '−', added: '+' } as const;
const SPOKEN = { same: '', removed: 'removed: ', added: 'added: ' } as const;

/** A line diff: removed lines struck and red, added ones green, with a text prefix for each. */
export function DiffView({
  lines,
  label,
  testId,
  emptyText = 'No changes.',
}: {
  lines: readonly DiffLine[];
  label: string;
  testId: string;
  emptyText?: string;
}) {
  const changed = hasChanges(lines);
  return (
    <figure className="code-block gwf-diff" data-testid={testId}>
      <figcaption className="code-block__bar">
        <span>{label}</span>
        {changed && <CopyButton text={diffText(lines)} label="Copy diff" />}
      </figcaption>
      {changed ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <pre className="code-block__body" style={{ maxHeight: 360 }} tabIndex={0}>
          {foldUnchanged(lines).map((hunk, h) =>
            hunk.kind === 'skipped' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: hunks are positional
              <span key={h} className="gwf-diff__skipped">
                {`  … ${counted(hunk.count, 'unchanged line')}\n`}
              </span>
            ) : (
              hunk.lines.map((line, i) => (
                <span
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
                  key={`${h}-${i}`}
                  className={`gwf-diff__line gwf-diff__line--${line.kind}`}
                >
                  <span className="visually-hidden">{SPOKEN[line.kind]}</span>
                  <span aria-hidden="true">{PREFIX[line.kind]} </span>
                  {line.text}
                  {'\n'}
                </span>
              ))
            ),
          )}
        </pre>
      ) : (
        <p className="muted gwf-diff__empty">{emptyText}</p>
      )}
    </figure>
  );
}
