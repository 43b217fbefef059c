import { createContext, type ReactNode, useContext } from 'react';
import { Link } from 'react-router';
import type { FormIssue } from './field-paths';

/** The messages a form shows, field by field; provided by `ResourceForm`. */
export interface IssueView {
  /** Visible messages at exactly `field` (errors, then warnings). */
  at(field: string): FormIssue[];
  /** Records that the user worked on `field`, so its messages (and its row's) show. */
  mark(field: string): void;
}

const IssueContext = createContext<IssueView>({ at: () => [], mark: () => {} });

export function IssueProvider({ view, children }: { view: IssueView; children: ReactNode }) {
  return <IssueContext.Provider value={view}>{children}</IssueContext.Provider>;
}

export function useIssues(): IssueView {
  return useContext(IssueContext);
}

/** DOM id of a field's control; form field names are unique within a page. */
export function fieldId(name: string): string {
  return `gwf-${name.replaceAll('.', '-') || 'form'}`;
}

export function messagesId(name: string): string {
  return `${fieldId(name)}-messages`;
}

/**
 * The part of a field path up to its last row index (`listeners.1` for
 * `listeners.1.certificates`): working on any field of a row shows the row's messages.
 */
export function rowScope(field: string): string | undefined {
  const parts = field.split('.');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (/^\d+$/.test(parts[i] ?? '')) return parts.slice(0, i + 1).join('.');
  }
  return undefined;
}

/** Whether a message at `field` should show, given the fields the user worked on. */
export function isVisible(field: string, worked: ReadonlySet<string>): boolean {
  const scope = rowScope(field);
  for (const name of worked) {
    if (name === field || name.startsWith(`${field}.`)) return true;
    if (scope && (name === scope || name.startsWith(`${scope}.`))) return true;
  }
  return false;
}

/** A field's messages: errors announced (`role="alert"`), warnings as plain notes. */
export function FieldMessages({ name }: { name: string }) {
  const issues = useIssues().at(name);
  if (issues.length === 0) return null;
  return (
    <div id={messagesId(name)} className="gwf-messages">
      {issues.map((issue, i) =>
        issue.severity === 'error' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
          <p key={i} className="gwf-error" role="alert">
            {issue.message}
            {issue.link && (
              <>
                {' '}
                <Link to={issue.link.to}>{issue.link.label}</Link>
              </>
            )}
          </p>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
          <p key={i} className="gwf-warning">
            <span className="gwf-warning__tag">Warning:</span> {issue.message}
          </p>
        ),
      )}
    </div>
  );
}

/** `aria-describedby` / `aria-invalid` for a control at `name`, plus an optional hint id. */
export function useDescribedBy(name: string | undefined, hintId?: string) {
  const all = useIssues();
  const issues = name === undefined ? [] : all.at(name);
  const ids = [
    hintId,
    name !== undefined && issues.length > 0 ? messagesId(name) : undefined,
  ].filter(Boolean);
  return {
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    'aria-invalid': issues.some((issue) => issue.severity === 'error') ? true : undefined,
  } as const;
}
