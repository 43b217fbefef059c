import { useState } from 'react';
import { counted } from '../lib/plural';
import { CopyButton } from './copy-button';

/** Preformatted text (YAML, Envoy output) with a copy button; text only, never markup. */
export function CodeBlock({
  text,
  label,
  maxHeight = 480,
  folded = false,
}: {
  text: string;
  label: string;
  maxHeight?: number;
  /**
   * Shown only when asked for (the copy button works either way): for a text too long to read
   * here, whose laying out, and taking down again, would cost the page a noticeable moment.
   */
  folded?: boolean;
}) {
  const [shown, setShown] = useState(false);
  const hidden = folded && !shown;
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span>{label}</span>
        <span className="code-block__actions">
          {hidden && (
            <>
              <span>{counted(lineCount(text), 'line')}</span>
              <button type="button" className="button button--small" onClick={() => setShown(true)}>
                Show
              </button>
            </>
          )}
          <CopyButton text={text} />
        </span>
      </figcaption>
      {!hidden && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <pre className="code-block__body" style={{ maxHeight }} tabIndex={0}>
          <code>{text}</code>
        </pre>
      )}
    </figure>
  );
}

function lineCount(text: string): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    lines += 1;
  return lines;
}
