import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CodeBlock } from './code-block';

const TEXT = 'flowchart LR\n    CLIENT(["Client"])\n    KGW["Kong Gateway"]';

const writeText = vi.fn(async (_text: string) => {});
beforeEach(() => {
  writeText.mockClear();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

describe('CodeBlock', () => {
  it('shows its text', () => {
    const { container } = render(<CodeBlock text={TEXT} label="Mermaid" />);
    expect(container.querySelector('pre')).toHaveTextContent('Kong Gateway');
    expect(screen.queryByRole('button', { name: 'Show' })).toBeNull();
  });

  it('folded: counts the lines, copies the whole text, and shows it when asked', async () => {
    const { container } = render(<CodeBlock text={TEXT} label="Mermaid" folded />);
    expect(container.querySelector('pre')).toBeNull();
    expect(screen.getByText('3 lines')).toBeVisible();
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Copy to clipboard' })),
    );
    expect(writeText).toHaveBeenCalledWith(TEXT);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(container.querySelector('pre')).toHaveTextContent('Kong Gateway');
    expect(screen.queryByText('3 lines')).toBeNull();
  });
});
