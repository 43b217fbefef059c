import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags';

const packageJson = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
) as { scripts: Record<string, string> };

describe('SERVER_NODE_FLAGS', () => {
  it.each(['start', 'demo-cp'])('are the flags `npm run %s` starts Node with', (script) => {
    const command = packageJson.scripts[script] ?? '';
    expect(command.startsWith(`node ${SERVER_NODE_FLAGS.join(' ')} --import tsx `)).toBe(true);
  });
});
