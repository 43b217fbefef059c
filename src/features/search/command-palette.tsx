import * as Dialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { globalSearchQuery, SEARCH_LIMIT, searchText } from '../../kuma/queries/search';
import { useKumaApi } from '../../ui/api-context';
import { pageResults, type SearchResult, searchGroups } from './search-results';
import './command-palette.css';

const DEBOUNCE_MS = 200;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    // Clearing is immediate, so nothing of an old search outlives its text.
    const timer = setTimeout(() => setSettled(value), value === '' ? 0 : ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ResultItem({ result, onOpen }: { result: SearchResult; onOpen: (href: string) => void }) {
  return (
    <Command.Item
      value={result.id}
      onSelect={() => onOpen(result.href)}
      className="palette__item"
      data-testid="palette-item"
    >
      <span className="palette__label">{result.label}</span>
      {result.detail && <span className="palette__detail">{result.detail}</span>}
    </Command.Item>
  );
}

/**
 * The global search: a dialog (Radix: focus trapped, Esc closes, focus goes back where it was)
 * around a command menu (cmdk: arrow keys, Enter, type-ahead). Matching is the control plane's
 * (`name=` filters, a few items per kind), so cmdk's own filtering is off.
 */
export function CommandPalette({
  open,
  onOpenChange,
  onClosed,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Puts focus back where it was (not after opening a result: the new screen keeps it). */
  onClosed: () => void;
}) {
  const api = useKumaApi();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const settled = useDebounced(text, DEBOUNCE_MS);
  const search = useQuery(globalSearchQuery(api, settled));
  const pages = pageResults(text, api.caps.zones);
  const typed = searchText(text) !== '';
  const current = searchText(settled) === searchText(text);
  const groups = typed && search.data ? searchGroups(settled, search.data) : [];
  const waiting = typed && (!current || search.isFetching);

  const navigated = useRef(false);
  const openHref = (href: string) => {
    navigated.current = true;
    onOpenChange(false);
    setText('');
    navigate(href);
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        // A new opening starts empty: never the last search's results under new text.
        if (!next) setText('');
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="palette-overlay" />
        <Dialog.Content
          className="palette"
          data-testid="command-palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (!navigated.current) onClosed();
            navigated.current = false;
          }}
        >
          <Dialog.Title className="visually-hidden">Search</Dialog.Title>
          <Command
            shouldFilter={false}
            loop
            label="Search meshes, gateways, services and dataplanes"
          >
            <Command.Input
              value={text}
              onValueChange={setText}
              placeholder="Search meshes, gateways, services, dataplanes, pages…"
              className="palette__input"
              data-testid="palette-input"
            />
            <Command.List className="palette__list">
              {waiting && groups.length === 0 && (
                <Command.Loading>
                  <div className="palette__status">Searching…</div>
                </Command.Loading>
              )}
              {!waiting && (
                <Command.Empty className="palette__status">
                  Nothing named like “{text.trim()}”. Kuma matches names, not labels or tags.
                </Command.Empty>
              )}
              {groups.map((group) => (
                <Command.Group key={group.group} heading={group.group} className="palette__group">
                  {group.results.map((result) => (
                    <ResultItem key={result.id} result={result} onOpen={openHref} />
                  ))}
                  {group.more && (
                    <Command.Item
                      value={`more:${group.group}`}
                      onSelect={() => group.more && openHref(group.more.href)}
                      className="palette__item palette__item--more"
                      data-testid="palette-item"
                    >
                      {group.more.label} →
                    </Command.Item>
                  )}
                  {group.failed && (
                    <div className="palette__status palette__status--failed">
                      The control plane did not answer this search.
                    </div>
                  )}
                </Command.Group>
              ))}
              {pages.length > 0 && (
                <Command.Group heading="Pages" className="palette__group">
                  {pages.map((result) => (
                    <ResultItem key={result.id} result={result} onOpen={openHref} />
                  ))}
                </Command.Group>
              )}
            </Command.List>
            <p className="palette__help">
              <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to close.
              The first {SEARCH_LIMIT} names of each kind that contain the text, across every mesh.
            </p>
          </Command>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
