import type { ReactNode } from 'react';
import { KumaApiError } from '../kuma/client';
import { tokenAdvice } from './token';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}

function explain(error: unknown): { message: string; hint?: string } {
  if (error instanceof KumaApiError) {
    const hint =
      error.kind === 'network'
        ? 'Is the dashboard server running?'
        : error.kind === 'timeout'
          ? 'The control plane is slow or unreachable.'
          : error.status === 401 || error.status === 403
            ? tokenAdvice(error.status, error.refusedToken)
            : error.status === 502
              ? 'The dashboard server could not reach the control plane.'
              : error.kind === 'malformed'
                ? 'The control plane answered with something that is not what Kuma sends.'
                : undefined;
    return { message: error.message, hint };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function ErrorState({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const { message, hint } = explain(error);
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title}</p>
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
