// Human output: one line per check; under a failure, what was sent and what came back.
import type { Exchange } from './http.ts';
import type { ConformanceReport } from './run.ts';
import type { CheckResult } from './runner.ts';

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

function formatExchange(exchange: Exchange): string {
  const { request, response, error } = exchange;
  const lines = [`> ${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`>   ${name}: ${value}`);
  if (request.body !== undefined) lines.push(indent(request.body, '>   '));
  if (response) {
    lines.push(`< HTTP ${response.status}`);
    for (const [name, value] of Object.entries(response.headers))
      lines.push(`<   ${name}: ${value}`);
    if (response.body) lines.push(indent(response.body, '<   '));
  } else {
    lines.push(`< no answer: ${error ?? 'unknown error'}`);
  }
  return lines.join('\n');
}

export function formatResult(result: CheckResult): string {
  const head = `${LABEL[result.outcome]}  ${result.id} — ${result.title}`;
  if (result.outcome === 'pass') return head;
  if (result.outcome === 'skip') return `${head}\n      skipped: ${result.message}`;
  const lines = [head, `      ${result.message}`];
  // The last exchanges tell the story; a long check (the rate limit) keeps only its last ones.
  const shown = (result.exchanges ?? []).slice(-3);
  if (shown.length) lines.push('      sent and received:');
  for (const exchange of shown) lines.push(indent(formatExchange(exchange), '        '));
  return lines.join('\n');
}

export function formatHeader(
  report: Pick<ConformanceReport, 'backend' | 'origin' | 'readOnly'>,
): string {
  const extras = [
    report.origin ? `origin ${report.origin}` : 'no --origin: CORS checks skipped',
    report.readOnly ? 'read-only' : 'creates test accounts and orders',
  ];
  return `cassa-conformance: ${report.backend} (${extras.join(', ')})`;
}

export function formatSummary(report: ConformanceReport): string {
  const counts = `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`;
  if (report.failed > 0) return `${counts}: the backend does NOT conform`;
  return `${counts}: the backend conforms${report.skipped ? ' (as far as the skipped checks allow)' : ''}`;
}
