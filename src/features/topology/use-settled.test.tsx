import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSettled } from './use-shallow-stable';

describe('useSettled', () => {
  it('holds the last settled array while holding, and takes the new one after', () => {
    const first = ['a', 'b'];
    const { result, rerender } = renderHook(
      ({ items, holding }: { items: string[]; holding: boolean }) => useSettled(items, holding),
      { initialProps: { items: first, holding: false } },
    );
    expect(result.current).toBe(first);
    // Responses arriving one by one: nothing moves until none is in flight.
    rerender({ items: ['a2', 'b'], holding: true });
    expect(result.current).toBe(first);
    rerender({ items: ['a2', 'b2'], holding: true });
    expect(result.current).toBe(first);
    const settled = ['a2', 'b2'];
    rerender({ items: settled, holding: false });
    expect(result.current).toBe(settled);
    // The same items in a new array keep the array already given.
    rerender({ items: ['a2', 'b2'], holding: false });
    expect(result.current).toBe(settled);
  });
});
