import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Dataplane } from '../../src/kuma/types';
import type { StoredResource } from './store';
import type { World } from './world';

const FORMAT = 'kuma-demo-cp-state/v1';

/** The last write to one resource: its stored body, or null once deleted. */
interface JournalEntry {
  type: string;
  mesh?: string;
  name: string;
  resource: StoredResource | null;
}

interface StateFile {
  format: typeof FORMAT;
  scenario: string;
  entries: JournalEntry[];
}

export class StateFileError extends Error {}

function entryKey(entry: Pick<JournalEntry, 'type' | 'mesh' | 'name'>): string {
  return `${entry.type}\u0000${entry.mesh ?? ''}\u0000${entry.name}`;
}

function isStateFile(value: unknown): value is StateFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<StateFile>;
  return (
    candidate.format === FORMAT &&
    typeof candidate.scenario === 'string' &&
    Array.isArray(candidate.entries) &&
    candidate.entries.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.type === 'string' &&
        typeof entry.name === 'string' &&
        (entry.resource === null ||
          (typeof entry.resource === 'object' && entry.resource !== null)),
    )
  );
}

/**
 * Keeps what users wrote through the API on top of the scenario: a journal of the last write per
 * resource, replayed after the scenario loads. Each accepted write reaches the disk (temp file,
 * fsync, rename) before the API answers, so a crash never loses an acknowledged write.
 */
export class StatePersistence {
  private entries = new Map<string, JournalEntry>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly world: World,
  ) {}

  /** Reads the file; a missing file is an empty journal, a corrupt one stops start-up. */
  async load(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw new StateFileError(`cannot read state file ${this.path}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new StateFileError(
        `state file ${this.path} is not valid JSON (${(error as Error).message}); it was left untouched. Move it away or fix it, then start again.`,
      );
    }
    if (!isStateFile(parsed)) {
      throw new StateFileError(
        `state file ${this.path} is not a ${FORMAT} file; it was left untouched. Move it away or fix it, then start again.`,
      );
    }
    if (parsed.scenario !== this.world.options.scenario) {
      throw new StateFileError(
        `state file ${this.path} was written on scenario "${parsed.scenario}", not "${this.world.options.scenario}"; start with --scenario ${parsed.scenario} or another --state file.`,
      );
    }
    this.entries = new Map(parsed.entries.map((entry) => [entryKey(entry), entry]));
    this.replay();
    return this.entries.size;
  }

  private replay(): void {
    for (const entry of this.entries.values()) {
      if (entry.resource === null) {
        this.world.store.delete(entry.type, entry.mesh, entry.name);
        if (entry.type === 'Dataplane' && entry.mesh)
          this.world.removeProxy(entry.mesh, entry.name);
      } else {
        this.world.store.put(entry.resource);
        if (entry.type === 'Dataplane')
          this.world.ensureProxy(entry.resource as unknown as Dataplane);
      }
    }
  }

  /** Records the current state of one resource (after a PUT or DELETE) and writes the file. */
  record(type: string, mesh: string | undefined, name: string): Promise<void> {
    const resource = this.world.store.get(type, mesh, name) ?? null;
    const entry: JournalEntry = { type, ...(mesh === undefined ? {} : { mesh }), name, resource };
    this.entries.set(entryKey(entry), entry);
    return this.flush();
  }

  /** Back to the scenario's start: the journal is emptied on disk too. */
  clear(): Promise<void> {
    this.entries.clear();
    return this.flush();
  }

  private flush(): Promise<void> {
    const body: StateFile = {
      format: FORMAT,
      scenario: this.world.options.scenario,
      entries: [...this.entries.values()],
    };
    const text = `${JSON.stringify(body, null, 2)}\n`;
    // Writes are serialised so an older snapshot never lands after a newer one.
    this.queue = this.queue.then(() => writeAtomically(this.path, text));
    return this.queue;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
