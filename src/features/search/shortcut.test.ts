import { describe, expect, it } from 'vitest';
import { isPaletteShortcut, isTypingTarget, type KeyLike, type TargetLike } from './shortcut';

const key = (value: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: value,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const body: TargetLike = { tagName: 'BODY' };
const textInput: TargetLike = { tagName: 'INPUT', type: 'search' };

describe('isPaletteShortcut', () => {
  it.each<[string, KeyLike, TargetLike | null, boolean]>([
    ['Ctrl-K on the page', key('k', { ctrlKey: true }), body, true],
    ['⌘K on the page', key('k', { metaKey: true }), body, true],
    ['Ctrl-Shift-K (caps)', key('K', { ctrlKey: true, shiftKey: true }), body, true],
    ['Ctrl-K in a search box', key('k', { ctrlKey: true }), textInput, true],
    ['Ctrl-Alt-K', key('k', { ctrlKey: true, altKey: true }), body, false],
    ['plain k', key('k'), body, false],
    ['/ on the page', key('/'), body, true],
    ['/ with no target', key('/'), null, true],
    ['/ in a search box', key('/'), textInput, false],
    ['/ in a textarea', key('/'), { tagName: 'TEXTAREA' }, false],
    ['/ in a select', key('/'), { tagName: 'SELECT' }, false],
    ['/ in a YAML editor', key('/'), { tagName: 'DIV', isContentEditable: true }, false],
    ['/ on a checkbox', key('/'), { tagName: 'INPUT', type: 'checkbox' }, true],
    ['Ctrl-/', key('/', { ctrlKey: true }), body, false],
    ['/ while composing', key('/', { isComposing: true }), body, false],
    ['/ already handled', key('/', { defaultPrevented: true }), body, false],
  ])('%s', (_name, event, target, expected) => {
    expect(isPaletteShortcut(event, target)).toBe(expected);
  });
});

describe('isTypingTarget', () => {
  it.each<[TargetLike | null, boolean]>([
    [null, false],
    [{ tagName: 'BUTTON' }, false],
    [{ tagName: 'INPUT' }, true],
    [{ tagName: 'input', type: 'NUMBER' }, true],
    [{ tagName: 'INPUT', type: 'radio' }, false],
  ])('%j', (target, expected) => {
    expect(isTypingTarget(target)).toBe(expected);
  });
});
