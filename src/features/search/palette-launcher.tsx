import { lazy, Suspense, useEffect, useState } from 'react';
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
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event, event.target as HTMLElement | null)) return;
      event.preventDefault();
      setWanted(true);
      setOpen((current) => !current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        className="button button--ghost palette-button"
        aria-keyshortcuts="Control+K Meta+K /"
        onPointerEnter={() => void loadPalette()}
        onFocus={() => void loadPalette()}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        data-testid="open-palette"
      >
        Search <kbd className="palette-button__key">Ctrl K</kbd>
      </button>
      {wanted && (
        <Suspense fallback={null}>
          <CommandPalette open={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}
