// The process's log: one line per call; never bodies, tokens, emails, tax codes or passwords.
// (The request log and the batched writer behind it are in http/request-log.ts.)
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}
