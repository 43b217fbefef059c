import { useRef } from 'react';
import { sameItems } from '../../lib/same-items';

/**
 * `items`, or the array it returned last render when that holds the same items: arrays derived
 * anew each render (names, query results, whose items react-query already shares) become stable
 * memo and effect dependencies, instead of keys joined into strings behind lint suppressions.
 */
export function useShallowStable<A extends readonly unknown[]>(items: A): A {
  const ref = useRef(items);
  if (!sameItems(ref.current, items)) ref.current = items;
  return ref.current;
}

/**
 * Like `useShallowStable`, but while `holding` the array of the last render that was not holding
 * stays: values that arrive one by one (a refresh's responses) are taken together, once the last
 * one is in. Arrays held under one flag in one render stay consistent with each other.
 */
export function useSettled<A extends readonly unknown[]>(items: A, holding: boolean): A {
  const ref = useRef(items);
  if (!holding && !sameItems(ref.current, items)) ref.current = items;
  return ref.current;
}

/**
 * `value`, or the one it returned last render while `same` says the two are alike: a value
 * that changes in a way a memo should not rebuild for.
 */
export function useKept<T>(
  value: T,
  same: (kept: NonNullable<T>, next: NonNullable<T>) => boolean,
): T {
  const ref = useRef(value);
  const kept = ref.current;
  if (kept !== value && !(kept != null && value != null && same(kept, value))) ref.current = value;
  return ref.current;
}
