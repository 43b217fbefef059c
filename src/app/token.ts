const SESSION_KEY = 'kuma-dashboard:token';

/**
 * The user's control-plane token: in memory, or in sessionStorage when the user asks to keep it
 * for this tab. Never in localStorage, never in a URL.
 */
export class TokenStore {
  private token: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | undefined = globalThis.sessionStorage) {
    this.token = storage?.getItem(SESSION_KEY) ?? undefined;
  }

  get = (): string | undefined => this.token;

  get remembered(): boolean {
    return Boolean(this.storage?.getItem(SESSION_KEY));
  }

  set(token: string | undefined, remember: boolean): void {
    this.token = token?.trim() || undefined;
    if (this.token && remember) this.storage?.setItem(SESSION_KEY, this.token);
    else this.storage?.removeItem(SESSION_KEY);
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
