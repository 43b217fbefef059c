import { describe, expect, it } from 'vitest';
import { applyListParams, type ListParamChanges, readListParams } from './list-params';

describe('readListParams', () => {
  it.each([
    ['', { q: '', mesh: '', page: 1, size: 50 }],
    [
      'q=service%3Afrontend&mesh=default',
      { q: 'service:frontend', mesh: 'default', page: 1, size: 50 },
    ],
    ['page=3&size=25', { page: 3, size: 25 }],
    ['page=0&size=-5', { page: 1, size: 50 }],
    ['page=abc&size=2.5', { page: 1, size: 50 }],
    ['size=5000', { size: 1000 }],
    ['sort=-name', { sort: '-name', page: 1 }],
  ])('?%s', (query, expected) => {
    expect(readListParams(new URLSearchParams(query))).toMatchObject(expected);
  });
});

describe('applyListParams', () => {
  it.each<[string, ListParamChanges, string]>([
    ['page=2&size=25', { page: 3 }, 'page=3&size=25'],
    ['page=2', { page: 1 }, ''],
    ['page=4&size=25', { q: 'web' }, 'size=25&q=web'],
    ['page=4&mesh=a', { mesh: '' }, ''],
    ['page=4', { size: 100 }, 'size=100'],
    ['size=100', { size: 50 }, ''],
    ['tab=x&page=2', { q: '' }, 'tab=x'],
    ['page=3', { sort: '-status' }, 'page=3&sort=-status'],
    ['page=3&sort=name', { sort: '', page: 1 }, ''],
  ])('?%s + %j → ?%s', (query, changes, expected) => {
    expect(applyListParams(new URLSearchParams(query), changes).toString()).toBe(expected);
  });
});
