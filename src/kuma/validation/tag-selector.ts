import type { Tags } from '../types';

/** Every selector tag is present with the same value, or with any value when the selector says `*`. */
export function tagSelectorMatches(selector: Tags | undefined, tags: Tags | undefined): boolean {
  const actual = tags ?? {};
  return Object.entries(selector ?? {}).every(([key, value]) => {
    if (!(key in actual)) return false;
    return value === '*' || actual[key] === value;
  });
}
