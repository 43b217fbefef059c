import { describe, expect, it } from 'vitest';
import {
  type ControlPlaneHealth,
  controlPlaneHealth,
  meansUnreachable,
  type RequestOutcome,
  RequestWatch,
  type WatchSnapshot,
} from './request-watch';

describe('controlPlaneHealth', () => {
  const idle: WatchSnapshot = {
    oldestSentAt: undefined,
    unreachableSince: undefined,
    unreachableReason: undefined,
  };
  it.each<[string, WatchSnapshot, number, ControlPlaneHealth]>([
    ['nothing in flight', idle, 99_000, { state: 'ok' }],
    ['a request inside the interval', { ...idle, oldestSentAt: 1000 }, 6000, { state: 'ok' }],
    [
      'a request past the interval',
      { ...idle, oldestSentAt: 1000 },
      6001,
      { state: 'slow', waitingMs: 5001 },
    ],
    [
      'a request got no answer',
      { ...idle, unreachableSince: 1000, unreachableReason: 'timed out' },
      21_000,
      { state: 'unreachable', silentMs: 20_000, reason: 'timed out' },
    ],
    [
      'no answer, and another request waiting',
      { oldestSentAt: 20_000, unreachableSince: 1000, unreachableReason: 'x' },
      30_000,
      { state: 'unreachable', silentMs: 29_000, reason: 'x' },
    ],
  ])('%s → %j', (_, snapshot, now, health) => {
    expect(controlPlaneHealth(snapshot, now, 5000)).toEqual(health);
  });
});

describe('RequestWatch', () => {
  type Step = ['send', number] | ['settle', number, RequestOutcome];
  /** Steps at increasing times (`send` at t, `settle` the n-th sent request at t). */
  function run(steps: [number, Step][]): WatchSnapshot {
    let now = 0;
    const watch = new RequestWatch(() => now);
    const tickets: number[] = [];
    for (const [at, step] of steps) {
      now = at;
      if (step[0] === 'send') tickets.push(watch.sent());
      else watch.settled(tickets[step[1]] ?? -1, step[2], `reason ${step[1]}`);
    }
    return watch.snapshot();
  }

  it.each<[string, [number, Step][], WatchSnapshot]>([
    [
      'the oldest request still waiting',
      [
        [100, ['send', 0]],
        [200, ['send', 1]],
        [300, ['settle', 0, 'answered']],
      ],
      { oldestSentAt: 200, unreachableSince: undefined, unreachableReason: undefined },
    ],
    [
      'unreachable since the first request that got no answer',
      [
        [100, ['send', 0]],
        [200, ['send', 1]],
        [20_200, ['settle', 1, 'unreachable']],
        [20_300, ['settle', 0, 'unreachable']],
      ],
      { oldestSentAt: undefined, unreachableSince: 100, unreachableReason: 'reason 0' },
    ],
    [
      'an answer ends it',
      [
        [100, ['send', 0]],
        [20_100, ['settle', 0, 'unreachable']],
        [21_000, ['send', 1]],
        [21_050, ['settle', 1, 'answered']],
      ],
      { oldestSentAt: undefined, unreachableSince: undefined, unreachableReason: undefined },
    ],
    [
      'a cancelled request neither answers nor fails',
      [
        [100, ['send', 0]],
        [200, ['settle', 0, 'unreachable']],
        [300, ['send', 1]],
        [400, ['settle', 1, 'cancelled']],
      ],
      { oldestSentAt: undefined, unreachableSince: 100, unreachableReason: 'reason 0' },
    ],
    [
      'a ticket settled twice counts once',
      [
        [100, ['send', 0]],
        [200, ['settle', 0, 'answered']],
        [300, ['settle', 0, 'unreachable']],
      ],
      { oldestSentAt: undefined, unreachableSince: undefined, unreachableReason: undefined },
    ],
  ])('%s', (_, steps, snapshot) => {
    expect(run(steps)).toEqual(snapshot);
  });

  it('tells its listeners of changes only, with a stable snapshot in between', () => {
    let now = 0;
    const watch = new RequestWatch(() => now);
    let calls = 0;
    const stop = watch.subscribe(() => calls++);
    const first = watch.sent();
    const before = watch.snapshot();
    expect(watch.snapshot()).toBe(before);
    now = 50;
    watch.sent();
    expect(calls).toBe(1);
    watch.settled(first, 'answered');
    expect(calls).toBe(2);
    stop();
    watch.sent();
    expect(calls).toBe(2);
  });
});

describe('meansUnreachable', () => {
  it.each([
    [502, true],
    [504, true],
    [500, false],
    [503, false],
    [401, false],
  ])('%i → %s', (status, unreachable) => {
    expect(meansUnreachable(status)).toBe(unreachable);
  });
});
