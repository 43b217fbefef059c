import { afterEach, describe, expect, it } from 'vitest';
import { createElkProcess, type WorkerLike } from './layout-runner';

let processes: WorkerLike[] = [];
afterEach(async () => {
  for (const child of processes) await child.terminate();
  processes = [];
});

describe('the ELK process', () => {
  it('lays out a job that arrives during its warm-up before the rest of the warm-up', async () => {
    const child = createElkProcess();
    processes.push(child);
    const seen: string[] = [];
    const finished = new Promise<void>((resolve) => {
      child.on('message', (message: { id?: number; ok?: boolean; warmed?: boolean }) => {
        seen.push(message.warmed ? 'warmed' : `job ${message.id} ${message.ok ? 'ok' : 'failed'}`);
        if (message.warmed) resolve();
      });
    });
    child.postMessage({ warm: true });
    child.postMessage({
      id: 7,
      graph: {
        id: 'root',
        layoutOptions: { 'elk.algorithm': 'layered' },
        children: [
          { id: 'a', width: 10, height: 10 },
          { id: 'b', width: 10, height: 10 },
        ],
        edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
      },
    });
    await finished;
    // Ten warm-up rounds were asked for: the job went ahead of all but the one running.
    expect(seen).toEqual(['job 7 ok', 'warmed']);
  }, 60_000);
});
