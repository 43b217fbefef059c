import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from './copy-button';

beforeEach(() => {
  vi.useFakeTimers();
  const writeText = vi.fn(async () => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CopyButton', () => {
  it('says "Copied" for a moment, then its label again', async () => {
    render(<CopyButton text="flowchart LR" label="Copy mermaid" />);
    await act(async () => fireEvent.click(screen.getByRole('button')));
    expect(screen.getByRole('button')).toHaveTextContent('Copied');
    await act(() => vi.advanceTimersByTimeAsync(1500));
    expect(screen.getByRole('button')).toHaveTextContent('Copy mermaid');
  });

  it('leaves no timer behind once gone', async () => {
    const { unmount } = render(<CopyButton text="flowchart LR" />);
    await act(async () => fireEvent.click(screen.getByRole('button')));
    expect(screen.getByRole('button')).toHaveTextContent('Copied');
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
