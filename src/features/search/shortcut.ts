/** The parts of a key event the palette's shortcut depends on (testable without a DOM). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  defaultPrevented?: boolean;
  isComposing?: boolean;
}

export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  /** For inputs: `checkbox`, `button`… take no text, so `/` there still opens the palette. */
  type?: string;
}

const TEXTLESS_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Whether a key typed on `target` would write text there. */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !TEXTLESS_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}

/**
 * Ctrl-K (⌘K on a Mac) opens the palette from anywhere, as in most tools, since it types
 * nothing; `/` only when it would not be typed into a field.
 */
export function isPaletteShortcut(event: KeyLike, target: TargetLike | null | undefined): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey)
    return true;
  return (
    event.key === '/' &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    !isTypingTarget(target)
  );
}
