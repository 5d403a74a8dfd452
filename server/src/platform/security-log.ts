// Security events as structured log lines: `security {"event":"login.failed",…}`, one JSON
// object per line, so that spraying or a lockout can be found and counted afterwards. Never a
// password, token or secret; a username only as its digest (usernameDigest), so that an
// operator who knows a username can find its lines, while the log alone does not list them.
import type { Logger } from '../http/context.ts';

export type SecurityEvent =
  | { event: 'login.failed'; user: string; address: string }
  | {
      event: 'login.limited';
      scope: 'username' | 'address' | 'global';
      user: string;
      address: string;
      retryAfterSeconds: number;
    }
  | { event: 'login.locked'; user: string; address: string; windowSeconds: number }
  | { event: 'login.rehashed'; user: string }
  | { event: 'registration.limited'; address: string; retryAfterSeconds: number }
  | { event: 'operator.denied'; action: string; address: string }
  | { event: 'operator.action'; action: string; address: string; subject?: string };

export function securityLog(logger: Logger, entry: SecurityEvent): void {
  logger.info(`security ${JSON.stringify(entry)}`);
}
