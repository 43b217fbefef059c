// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESTING_MS, useRestingPointer } from './use-resting-pointer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const REST = `wait ${RESTING_MS}`;
const SHORT = `wait ${RESTING_MS - 1}`;

describe('useRestingPointer', () => {
  // Steps: "enter a", "leave a", "focus a", "blur a" on the control keyed "a"; "wait N" ms.
  it.each<[string, string[], string[]]>([
    ['a pointer that rests asks once', ['enter a', REST, 'wait 1000'], ['a']],
    ['a pointer that leaves first asks nothing', ['enter a', SHORT, 'leave a', 'wait 1000'], []],
    ['nothing before the wait is over', ['enter a', SHORT], []],
    ['entering another restarts the wait', ['enter a', 'wait 20', 'enter b', SHORT], []],
    ['then only the other is asked for', ['enter a', 'wait 20', 'enter b', REST], ['b']],
    ['focus that stays asks', ['focus a', REST], ['a']],
    ['focus that moves on asks nothing', ['focus a', 'blur a', 'wait 1000'], []],
    ['two rests, two asks', ['enter a', REST, 'leave a', 'enter b', REST], ['a', 'b']],
  ])('%s', (_name, steps, asked) => {
    const onRest = vi.fn();
    const { result } = renderHook(() => useRestingPointer(onRest));
    for (const step of steps) {
      const [kind, value = ''] = step.split(' ');
      act(() => {
        const handlers = result.current(value);
        if (kind === 'wait') vi.advanceTimersByTime(Number(value));
        if (kind === 'enter') handlers.onPointerEnter();
        if (kind === 'leave') handlers.onPointerLeave();
        if (kind === 'focus') handlers.onFocus();
        if (kind === 'blur') handlers.onBlur();
      });
    }
    expect(onRest.mock.calls.map(([key]) => key)).toEqual(asked);
  });

  it('asks nothing once unmounted', () => {
    const onRest = vi.fn();
    const { result, unmount } = renderHook(() => useRestingPointer(onRest));
    act(() => result.current('a').onPointerEnter());
    unmount();
    vi.advanceTimersByTime(RESTING_MS * 2);
    expect(onRest).not.toHaveBeenCalled();
  });

  it('is harmless without a callback', () => {
    const { result } = renderHook(() => useRestingPointer(undefined));
    act(() => result.current('a').onPointerEnter());
    expect(() => vi.advanceTimersByTime(RESTING_MS * 2)).not.toThrow();
  });
});
