/** Where a remembered token is kept (`index.html` reads it too, before the app starts). */
export const TOKEN_SESSION_KEY = 'kuma-dashboard:token';

/**
 * The user's control-plane token: in memory, or in sessionStorage when the user asks to keep it
 * for this tab. Never in localStorage, never in a URL.
 */
export class TokenStore {
  private token: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | undefined = globalThis.sessionStorage) {
    this.token = storage?.getItem(TOKEN_SESSION_KEY) ?? undefined;
  }

  get = (): string | undefined => this.token;

  get remembered(): boolean {
    return Boolean(this.storage?.getItem(TOKEN_SESSION_KEY));
  }

  set(token: string | undefined, remember: boolean): void {
    this.token = token?.trim() || undefined;
    if (this.token && remember) this.storage?.setItem(TOKEN_SESSION_KEY, this.token);
    else this.storage?.removeItem(TOKEN_SESSION_KEY);
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/**
 * What to do about a 401 or 403, by which token the control plane refused: the one set in this
 * tab (Token button), the one the dashboard's server adds (`KUMA_CP_TOKEN`), or none at all;
 * undefined when the refusal was not the control plane's.
 */
export function tokenAdvice(status: number, refused: 'tab' | 'server' | 'none' | undefined) {
  if (status === 403) {
    // Refused by the dashboard's own guard (host or origin): its message says what to do.
    if (refused === undefined) return undefined;
    return refused === 'server'
      ? 'The token the dashboard server sends (KUMA_CP_TOKEN) does not allow this: give the server a token of a group that may, or set one for this tab with the Token button.'
      : 'Your token does not allow this: set a token of a group that may with the Token button.';
  }
  if (status !== 401) return undefined;
  if (refused === 'tab') {
    return "The control plane refused the token set in this tab (expired, or for another control plane?): set a new one with the Token button, or clear it there to use the dashboard server's KUMA_CP_TOKEN, if it has one.";
  }
  if (refused === 'server') {
    return 'The control plane refused the token the dashboard server sends (KUMA_CP_TOKEN; expired?): restart the server with a valid one, or set a token for this tab with the Token button.';
  }
  return 'The control plane wants a user token: set one with the Token button, or start the dashboard server with KUMA_CP_TOKEN=<token> so every browser gets it. An admin token is in the global secret admin-user-token.';
}
