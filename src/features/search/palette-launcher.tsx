import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { isPaletteShortcut } from './shortcut';
import './palette-launcher.css';

const loadPalette = () => import('./command-palette');
// The palette (cmdk, Radix Dialog, its queries) loads on first use, not with the first route.
const CommandPalette = lazy(async () => ({ default: (await loadPalette()).CommandPalette }));

/**
 * The header's Search button and the keyboard shortcuts that open the global search:
 * Ctrl-K / ⌘K anywhere, `/` when not typing in a field.
 */
export function PaletteLauncher() {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  // Where focus was when the palette opened: it goes back there on close (Radix would return
  // it to a Dialog.Trigger, and a shortcut has none).
  const returnTo = useRef<HTMLElement | null>(null);
  const show = useCallback(() => {
    if (document.activeElement instanceof HTMLElement) returnTo.current = document.activeElement;
    setWanted(true);
    setOpen(true);
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event, event.target as HTMLElement | null)) return;
      event.preventDefault();
      if (document.querySelector('[data-testid="command-palette"]')) setOpen(false);
      else show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);
  return (
    <>
      <button
        type="button"
        className="button button--ghost palette-button"
        aria-keyshortcuts="Control+K Meta+K /"
        title="Search meshes, gateways, services and dataplanes (Ctrl K or /)"
        onPointerEnter={() => void loadPalette()}
        onFocus={() => void loadPalette()}
        onClick={show}
        data-testid="open-palette"
      >
        Search
        <kbd className="palette-button__key">Ctrl K</kbd>
      </button>
      {wanted && (
        <Suspense fallback={null}>
          <CommandPalette
            open={open}
            onOpenChange={setOpen}
            onClosed={() => returnTo.current?.focus()}
          />
        </Suspense>
      )}
    </>
  );
}
