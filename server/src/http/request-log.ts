// The request log: one line per request (method, route pattern, status, time; never the raw
// path, query, headers or body), and a logger for the process that writes lines in batches.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Logger } from './context.ts';

/** Logs `METHOD /route/:pattern STATUS 12ms` once the answer is ready. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = c.req.routePath;
    const route =
      c.get('logRoute') ??
      (pattern && pattern !== '/*' && pattern !== '*' ? pattern : '(unmatched)');
    logger.info(
      `${c.req.method} ${route} ${c.res.status} ${Math.round(performance.now() - started)}ms`,
    );
  };
}

interface LineSink {
  write(text: string): unknown;
}

/**
 * A logger writing timestamped lines to `out` (info) and `err` (errors) without a write per
 * line under load: the first line of an event-loop turn is written at once, the others of the
 * same turn are joined and written together right after it (`setImmediate`), or at exit. So a
 * line never waits for a timer: an idle server's log is as prompt as `console.log`, and a busy
 * one makes one or two writes per turn instead of one per request.
 */
export function batchedLogger(
  out: LineSink = process.stdout,
  err: LineSink = process.stderr,
): Logger & { flush(): void } {
  let pending = '';
  let turnStarted = false;
  // One ISO timestamp per millisecond, however many lines share it.
  let stampedAt = Number.NaN;
  let stamp = '';
  const stamped = (line: string) => {
    const now = Date.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    return `${stamp} ${line}\n`;
  };
  const flush = () => {
    turnStarted = false;
    if (!pending) return;
    const text = pending;
    pending = '';
    out.write(text);
  };
  process.on('exit', flush);
  return {
    info(line) {
      const text = stamped(line);
      if (turnStarted) {
        pending += text;
        return;
      }
      turnStarted = true;
      setImmediate(flush);
      out.write(text);
    },
    error(line) {
      flush();
      err.write(stamped(line));
    },
    flush,
  };
}
