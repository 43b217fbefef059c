import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, useSyncExternalStore } from 'react';
import type { TokenStore } from '../ui/token';

/** Enter or clear the control-plane token; it stays in this tab (memory or sessionStorage). */
export function TokenButton({ tokens }: { tokens: TokenStore }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const token = useSyncExternalStore(tokens.subscribe, tokens.get);
  const [draft, setDraft] = useState('');
  const [remember, setRemember] = useState(tokens.remembered);
  const id = useId();
  const close = () => dialog.current?.close();
  const save = (value: string | undefined) => {
    tokens.set(value, remember);
    setDraft('');
    close();
    void queryClient.invalidateQueries();
  };
  return (
    <>
      <button
        type="button"
        className="button button--ghost"
        aria-label={
          token ? 'Token set: change the control-plane token' : 'Set a control-plane token'
        }
        onClick={() => dialog.current?.showModal()}
      >
        {token ? 'Token set' : 'Token'}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            save(draft);
          }}
        >
          <h2 id={`${id}-title`}>Control-plane token</h2>
          <p className="muted">
            Sent as <code>Authorization: Bearer …</code> with every API call. Kept in memory, or in
            this tab's session storage if you ask; never in the URL or local storage.
          </p>
          <label htmlFor={`${id}-token`}>User token</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={token ? '(a token is set)' : 'eyJhbGciOi…'}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => setRemember(event.target.checked)}
            />{' '}
            Keep it for this tab (sessionStorage)
          </label>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            {token && (
              <button type="button" className="button" onClick={() => save(undefined)}>
                Clear token
              </button>
            )}
            <button type="submit" className="button button--primary" disabled={!draft.trim()}>
              Save
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
