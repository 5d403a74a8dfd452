// README "Environment variables" is what an integrator configures the server by: one table, each
// variable once, and every variable the server reads (server/src/platform/config.ts, start.ts)
// documented there. The section once had three tables that disagreed; CASSA_TODAY, read by the
// config, was in none.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const section = readme.slice(
  readme.indexOf('## Environment variables\n'),
  readme.indexOf('\n## ', readme.indexOf('## Environment variables\n') + 1),
);

/** The first cell of every row of the section's tables, header rows excepted, split into names. */
function documented(): string[] {
  const names: string[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const first = line.split('|')[1]!;
    const cells = [...first.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);
    // "`CASSA_WEBHOOK_MAX_ATTEMPTS`, `_BACKOFF_MS`": a leading underscore continues the prefix.
    const prefix = cells[0]!.replace(/_[A-Z]+_[A-Z]+$/, '');
    for (const cell of cells) names.push(cell.startsWith('_') ? prefix + cell : cell);
  }
  return names;
}

describe('README: environment variables', () => {
  it('one table, each variable once', () => {
    const headers = section.split('\n').filter((l) => /^\| variable\s+\| default\s+\|/.test(l));
    assert.equal(headers.length, 1, 'the section has one table');
    const names = documented();
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
      'variables listed twice',
    );
  });

  it('every variable the server reads is documented', () => {
    const source = ['server/src/platform/config.ts', 'server/src/start.ts']
      .map((f) => readFileSync(`${ROOT}${f}`, 'utf8'))
      .join('\n');
    const read = new Set(
      [...source.matchAll(/\b(CASSA_[A-Z_]+[A-Z]|DATABASE_URL|NODE_ENV|PORT)\b/g)].map(
        (m) => m[1]!,
      ),
    );
    const names = new Set(documented());
    assert.deepEqual(
      [...read].filter((n) => !names.has(n)).sort(),
      [],
      'read by the server, missing from the README',
    );
  });
});
