import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  type AdmittedKind,
  isAdmittedKind,
  predictPut,
  validateWriteRequest,
  type WriteTarget,
} from '../../src/kuma/validation';
import { isFederatedZone, type ResourceType, resourceTypes } from './personality';
import type { StoreChange, StoredResource } from './store';
import type { World } from './world';
import { applyChanges } from './write-transaction';

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

/** A state file that cannot be loaded: the message names the file and the entry. */
export class StateFileError extends Error {}

function entryKey(entry: Pick<JournalEntry, 'type' | 'mesh' | 'name'>): string {
  return `${entry.type}\u0000${entry.mesh === undefined ? '\u0001' : entry.mesh}\u0000${entry.name}`;
}

/** How an entry is named in messages: its index, then type and mesh/name as far as known. */
function describeEntry(index: number, raw: unknown): string {
  const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const type = text(entry.type);
  const mesh = text(entry.mesh);
  const name = text(entry.name);
  const where = name === undefined ? '' : ` ${mesh === undefined ? '' : `${mesh}/`}${name}`;
  return `entry ${index}${type === undefined && where === '' ? '' : ` (${type ?? '?'}${where})`}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The checks a stored resource passed when it was written, run again on what the file holds. */
function resourceProblems(world: World, type: ResourceType, entry: JournalEntry): string[] {
  const resource = entry.resource;
  if (resource === null) return [];
  const problems: string[] = [];
  if (resource.type !== entry.type)
    problems.push(`its resource has type ${JSON.stringify(resource.type)}`);
  if (resource.name !== entry.name)
    problems.push(`its resource is named ${JSON.stringify(resource.name)}`);
  if (resource.mesh !== entry.mesh)
    problems.push(`its resource is in mesh ${JSON.stringify(resource.mesh)}`);
  for (const field of ['creationTime', 'modificationTime'] as const) {
    const value = resource[field];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      problems.push(`${field} is not a time`);
  }
  if (problems.length > 0) return problems;
  const { creationTime: _c, modificationTime: _m, kri: _k, ...body } = resource;
  const target: WriteTarget = {
    version: world.version,
    environment: world.personality.environment,
    mode: world.personality.mode,
    federatedZone: isFederatedZone(world.personality),
    zoneName: world.personality.zoneName,
  };
  // As an update: the file holds resources that were accepted once.
  const request = { type, mesh: entry.mesh, name: entry.name, creating: false };
  if (isAdmittedKind(type.name)) {
    const verdict = predictPut(type.name as AdmittedKind, body, request, target);
    if (verdict.accepted) return [];
    if (verdict.violations.length === 0) return [verdict.detail];
    return verdict.violations.map(({ field, message }) => `${field}: ${message}`);
  }
  return validateWriteRequest(target, request, body).map(
    ({ field, message }) => `${field}: ${message}`,
  );
}

/**
 * Every entry checked before any is applied (a file loads whole or not at all): shape, a type
 * this Kuma version has, its scope, one entry per resource, the resource valid as when it was
 * written, and its mesh there once the file is applied.
 */
function checkedEntries(path: string, world: World, raw: unknown[]): JournalEntry[] {
  const fail = (index: number, entry: unknown, problem: string) =>
    new StateFileError(
      `state file ${path}: ${describeEntry(index, entry)} ${problem}; the file was left untouched. Fix or remove the entry (or move the file away), then start again.`,
    );
  const types = resourceTypes(world.personality);
  const seen = new Map<string, number>();
  const entries: JournalEntry[] = [];
  for (const [index, candidate] of raw.entries()) {
    if (!isPlainObject(candidate)) throw fail(index, candidate, 'is not an object');
    const { type: typeName, mesh, name, resource } = candidate;
    if (typeof typeName !== 'string' || typeName === '')
      throw fail(index, candidate, 'has no type');
    if (typeof name !== 'string' || name === '') throw fail(index, candidate, 'has no name');
    if (mesh !== undefined && typeof mesh !== 'string')
      throw fail(index, candidate, 'has a mesh that is not a string');
    if (resource !== null && !isPlainObject(resource))
      throw fail(index, candidate, 'has a resource that is neither an object nor null');
    const type = types.find((known) => known.name === typeName);
    if (!type) throw fail(index, candidate, `has a type Kuma ${world.version.raw} does not know`);
    if (type.scope === 'Mesh' && mesh === undefined)
      throw fail(index, candidate, `has no mesh, and ${typeName} belongs to one`);
    if (type.scope === 'Global' && mesh !== undefined)
      throw fail(index, candidate, `has a mesh, and ${typeName} belongs to none`);
    const entry: JournalEntry = {
      type: typeName,
      ...(mesh === undefined ? {} : { mesh }),
      name,
      resource: resource as StoredResource | null,
    };
    const key = entryKey(entry);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw fail(index, candidate, `is the same resource as entry ${earlier}`);
    seen.set(key, index);
    const problems = resourceProblems(world, type, entry);
    if (problems.length > 0) throw fail(index, candidate, `is not valid: ${problems.join('; ')}`);
    entries.push(entry);
  }
  const meshesWritten = new Map(
    entries.filter((entry) => entry.type === 'Mesh').map((entry) => [entry.name, entry]),
  );
  const meshAfter = (mesh: string): boolean => {
    const written = meshesWritten.get(mesh);
    return written ? written.resource !== null : !!world.store.get('Mesh', undefined, mesh);
  };
  for (const [index, entry] of entries.entries()) {
    if (entry.resource !== null && entry.mesh !== undefined && !meshAfter(entry.mesh))
      throw fail(index, entry, `is in a mesh that does not exist once the file is applied`);
  }
  return entries;
}

/**
 * Keeps what users wrote through the API on top of the scenario: a journal of the last state of
 * every resource a write changed (a new mesh's default policies and a deleted mesh's contents
 * too), replayed after the scenario loads. A write reaches the disk (temp file, fsync, rename)
 * before it is applied and answered, so a crash never loses an acknowledged write, and a write
 * the disk refused was never applied.
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
    const file = isPlainObject(parsed) ? parsed : {};
    if (
      file.format !== FORMAT ||
      typeof file.scenario !== 'string' ||
      !Array.isArray(file.entries)
    ) {
      throw new StateFileError(
        `state file ${this.path} is not a ${FORMAT} file (it needs "format", "scenario" and "entries"); it was left untouched. Move it away or fix it, then start again.`,
      );
    }
    if (file.scenario !== this.world.options.scenario) {
      throw new StateFileError(
        `state file ${this.path} was written on scenario "${file.scenario}", not "${this.world.options.scenario}"; start with --scenario ${file.scenario} or another --state file.`,
      );
    }
    const entries = checkedEntries(this.path, this.world, file.entries);
    applyChanges(
      this.world,
      entries.map((entry) => ({
        type: entry.type,
        mesh: entry.mesh,
        name: entry.name,
        before: undefined,
        after: entry.resource ?? undefined,
      })),
    );
    this.entries = new Map(entries.map((entry) => [entryKey(entry), entry]));
    return this.entries.size;
  }

  /**
   * Writes the journal with `changes` on top. The journal in memory takes them only once the
   * file has them: a failed write leaves both as they were, and throws.
   */
  async save(changes: readonly StoreChange[]): Promise<void> {
    const next = new Map(this.entries);
    for (const change of changes) {
      const entry: JournalEntry = {
        type: change.type,
        ...(change.mesh === undefined ? {} : { mesh: change.mesh }),
        name: change.name,
        resource: change.after ?? null,
      };
      next.set(entryKey(entry), entry);
    }
    await this.write(next);
    this.entries = next;
  }

  /** Back to the scenario's start: the journal is emptied on disk first. */
  async clear(): Promise<void> {
    const empty = new Map<string, JournalEntry>();
    await this.write(empty);
    this.entries = empty;
  }

  private write(entries: Map<string, JournalEntry>): Promise<void> {
    const body: StateFile = {
      format: FORMAT,
      scenario: this.world.options.scenario,
      entries: [...entries.values()],
    };
    const text = `${JSON.stringify(body, null, 2)}\n`;
    // Writes are serialised so an older snapshot never lands after a newer one (callers hold the
    // world's write lock too; this keeps the file whole even for one that does not).
    const written = this.queue.then(() => writeAtomically(this.path, text));
    this.queue = written.catch(() => {});
    return written;
  }
}

/** The temp file a write goes through: start-up never reads it, so a torn one is harmless. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = tempPathOf(path);
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
