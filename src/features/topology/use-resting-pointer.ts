import { useCallback, useEffect, useRef } from 'react';

/**
 * How long a pointer rests on a control (or focus stays on it) before that reads as the intent
 * to use it: long enough that a pointer crossing a list of buttons asks for nothing, well under
 * the 0.3-0.5 s between a person reaching a button and clicking it.
 */
export const RESTING_MS = 120;

/**
 * Handlers for controls that can start work ahead of their click: `onRest(key)` runs once the
 * pointer has rested on the control (or focus stayed on it) for `delayMs`; leaving it before
 * that cancels. One control at a time: entering another one restarts the wait.
 */
export function useRestingPointer(
  onRest: ((key: string) => void) | undefined,
  delayMs = RESTING_MS,
) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (key: string) => {
      const start = () => {
        clearTimeout(timer.current);
        if (onRest) timer.current = setTimeout(() => onRest(key), delayMs);
      };
      const cancel = () => clearTimeout(timer.current);
      return { onPointerEnter: start, onPointerLeave: cancel, onFocus: start, onBlur: cancel };
    },
    [onRest, delayMs],
  );
}
