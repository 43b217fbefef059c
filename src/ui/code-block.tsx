import { CopyButton } from './copy-button';

/** Preformatted text (YAML, Envoy output) with a copy button; text only, never markup. */
export function CodeBlock({
  text,
  label,
  maxHeight = 480,
}: {
  text: string;
  label: string;
  maxHeight?: number;
}) {
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span>{label}</span>
        <CopyButton text={text} />
      </figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre className="code-block__body" style={{ maxHeight }} tabIndex={0}>
        <code>{text}</code>
      </pre>
    </figure>
  );
}
