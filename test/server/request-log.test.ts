// The process logger (server/src/http/request-log.ts): one timestamped line per call, written at
// once when the server is idle, and joined into one write with the other lines of the same
// event-loop turn when it is busy — never lost, never reordered, never held past the turn.
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { batchedLogger } from '../../server/src/http/request-log.ts';

function sinks() {
  const out: string[] = [];
  const err: string[] = [];
  const logger = batchedLogger({ write: (t) => out.push(t) }, { write: (t) => err.push(t) });
  return { out, err, logger };
}

const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('logger: batched lines', () => {
  it('writes the first line of a turn at once, the rest of the turn in one write right after', async () => {
    const { out, logger } = sinks();
    logger.info('GET /api/v1/products/:id 200 1ms');
    assert.equal(out.length, 1, 'an idle server logs at once');
    assert.match(out[0]!, STAMP);
    assert.ok(out[0]!.endsWith(' GET /api/v1/products/:id 200 1ms\n'));

    for (let i = 0; i < 100; i++) logger.info(`POST /api/v1/quotes 200 ${i}ms`);
    assert.equal(out.length, 1, 'the same turn: held');
    await nextTurn();
    assert.equal(out.length, 2, 'one write for the other 100 lines');
    const lines = out[1]!.split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(
      lines.map((l) => l.replace(STAMP, '')),
      Array.from({ length: 100 }, (_, i) => `POST /api/v1/quotes 200 ${i}ms`),
    );
    for (const line of lines) assert.match(line, STAMP);

    await nextTurn();
    logger.info('GET /api/v1/me 200 2ms');
    assert.equal(out.length, 3, 'a new turn starts at once again');
  });

  it('writes pending lines before an error line, and everything on flush', async () => {
    const { out, err, logger } = sinks();
    logger.info('first');
    logger.info('second');
    logger.error('POST /api/v1/orders failed: Error');
    assert.deepEqual(
      out.map((t) => t.replace(STAMP, '')),
      ['first\n', 'second\n'],
    );
    assert.equal(err.length, 1);
    assert.match(err[0]!, /Z POST \/api\/v1\/orders failed: Error\n$/);
    logger.info('third');
    logger.info('fourth');
    logger.flush();
    assert.deepEqual(
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(STAMP, '')),
      ['first', 'second', 'third', 'fourth'],
    );
  });
});
