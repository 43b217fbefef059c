/** A line diff (longest common subsequence), enough for a resource's YAML of a few hundred lines. */

export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // lengths[i][j]: LCS length of a[i…] and b[j…].
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lengths[i] as number[];
    const below = lengths[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) {
      out.push({ kind: 'removed', text: a[i] as string });
      i++;
    } else {
      out.push({ kind: 'added', text: b[j] as string });
      j++;
    }
  }
  for (; i < a.length; i++) out.push({ kind: 'removed', text: a[i] as string });
  for (; j < b.length; j++) out.push({ kind: 'added', text: b[j] as string });
  return out;
}

export function hasChanges(lines: readonly DiffLine[]): boolean {
  return lines.some((line) => line.kind !== 'same');
}

/** Unified-diff style text (`-`, `+`, ` ` prefixes), for copying. */
export function diffText(lines: readonly DiffLine[]): string {
  const prefix = { same: ' ', removed: '-', added: '+' } as const;
  return lines.map((line) => `${prefix[line.kind]} ${line.text}`).join('\n');
}

export type DiffHunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skipped'; count: number };

/** The diff with long unchanged runs folded, keeping `context` lines around each change. */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const keep = lines.map((line) => line.kind !== 'same');
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) {
      keep[j] = true;
    }
  });
  const hunks: DiffHunk[] = [];
  lines.forEach((line, i) => {
    const last = hunks.at(-1);
    if (keep[i]) {
      if (last?.kind === 'lines') last.lines.push(line);
      else hunks.push({ kind: 'lines', lines: [line] });
    } else if (last?.kind === 'skipped') last.count++;
    else hunks.push({ kind: 'skipped', count: 1 });
  });
  return hunks;
}
