import { act, renderHook } from '@testing-library/react';
import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDraft } from './drafts';
import { DRAFT_DEBOUNCE_MS, useDraftAutosave } from './use-draft';

const KEY = 'kuma-dashboard:draft:cp:default:MeshGateway:new';
const OTHER_KEY = 'kuma-dashboard:draft:cp:payments:MeshGateway:new';
const INITIAL = { name: '', port: '' };

function useFormWithDraft(key: string) {
  const methods = useForm({ defaultValues: INITIAL });
  const bases = useRef({});
  const autosave = useDraftAutosave(key, methods, INITIAL, '/gateways/new', bases);
  return { methods, autosave };
}

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});

afterEach(() => vi.useRealTimers());

describe('useDraftAutosave', () => {
  it('saves a change once the typing pauses', () => {
    const { result } = renderHook(() => useFormWithDraft(KEY));
    act(() => result.current.methods.setValue('name', 'pay-gw'));
    expect(loadDraft(KEY)).toBeUndefined();
    act(() => vi.advanceTimersByTime(DRAFT_DEBOUNCE_MS));
    expect(loadDraft(KEY)?.values).toEqual({ name: 'pay-gw', port: '' });
  });

  it('saves the last change when the form is left before the pause', () => {
    const { result, unmount } = renderHook(() => useFormWithDraft(KEY));
    act(() => result.current.methods.setValue('name', 'pay-gw'));
    act(() => vi.advanceTimersByTime(DRAFT_DEBOUNCE_MS));
    act(() => result.current.methods.setValue('port', '8090'));
    unmount();
    expect(loadDraft(KEY)?.values).toEqual({ name: 'pay-gw', port: '8090' });
  });

  it('saves nothing on leaving once cleared (the form was saved)', () => {
    const { result, unmount } = renderHook(() => useFormWithDraft(KEY));
    act(() => result.current.methods.setValue('name', 'pay-gw'));
    act(() => result.current.autosave.clear());
    unmount();
    expect(loadDraft(KEY)).toBeUndefined();
  });

  it('leaves a pending change to the new draft when the key changes', () => {
    const { result, rerender, unmount } = renderHook(({ key }) => useFormWithDraft(key), {
      initialProps: { key: KEY },
    });
    act(() => result.current.methods.setValue('name', 'pay-gw'));
    rerender({ key: OTHER_KEY });
    expect(loadDraft(KEY)).toBeUndefined();
    unmount();
  });
});
