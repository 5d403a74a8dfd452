// Human output: the checks area by area, one line each; under a failure, what was sent and what
// came back; then the areas and the verdict. Everything that came from the backend is escaped.
import { AREAS, WEBHOOK_AREA } from './areas.ts';
import type { Exchange } from './http.ts';
import { printableBlock, printableLine } from './printable.ts';
import type { AreaResult, ConformanceReport } from './run.ts';
import type { CheckResult } from './runner.ts';

const LABEL = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', 'n/a': 'N/A ' } as const;

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

function formatExchange(exchange: Exchange): string {
  const { request, response, error } = exchange;
  const lines = [`> ${request.method} ${printableLine(request.url)}`];
  for (const [name, value] of Object.entries(request.headers))
    lines.push(`>   ${printableLine(name)}: ${printableLine(value)}`);
  if (request.body !== undefined) lines.push(indent(printableBlock(request.body), '>   '));
  if (response) {
    lines.push(`< HTTP ${response.status}`);
    for (const [name, value] of Object.entries(response.headers))
      lines.push(`<   ${printableLine(name)}: ${printableLine(value)}`);
    if (response.body) lines.push(indent(printableBlock(response.body), '<   '));
  } else {
    lines.push(`< no answer: ${printableLine(error ?? 'unknown error')}`);
  }
  return lines.join('\n');
}

export function formatAreaHeading(areaId: string): string {
  const area = [...AREAS, WEBHOOK_AREA].find((a) => a.id === areaId);
  return `\n[${areaId}] ${area?.title ?? ''}`;
}

export function formatResult(result: CheckResult): string {
  const head = `${LABEL[result.outcome]}  ${result.id} — ${result.title}`;
  const message = printableLine(result.message ?? '');
  if (result.outcome === 'pass') return head;
  if (result.outcome === 'skip') return `${head}\n      skipped: ${message}`;
  if (result.outcome === 'n/a') return `${head}\n      does not apply: ${message}`;
  const lines = [head, `      ${message}`];
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
    report.origin ? `origin ${report.origin}` : 'no --origin: CORS not exercised',
    report.readOnly ? 'read-only' : 'creates test accounts and orders',
  ];
  return `cassa-conformance: ${printableLine(report.backend)} (${extras.join(', ')})`;
}

const AREA_LABEL: Record<AreaResult['outcome'], string> = {
  pass: 'PASS    ',
  fail: 'FAIL    ',
  skipped: 'SKIPPED ',
  partial: 'PARTIAL ',
  'n/a': 'N/A     ',
};

function formatArea(area: AreaResult): string {
  const { passed, failed, skipped, notApplicable } = area.checks;
  const counts = [
    `${passed} passed`,
    ...(failed ? [`${failed} failed`] : []),
    ...(skipped ? [`${skipped} skipped`] : []),
    ...(notApplicable ? [`${notApplicable} n/a`] : []),
  ].join(', ');
  const lines = [`  ${AREA_LABEL[area.outcome]}${area.id} — ${area.title} (${counts})`];
  if (area.outcome !== 'pass' && area.outcome !== 'fail') {
    for (const reason of area.reasons)
      lines.push(
        `            ${area.outcome === 'n/a' ? 'n/a' : 'not exercised'}: ${printableLine(reason)}`,
      );
  }
  return lines.join('\n');
}

export function formatSummary(report: ConformanceReport): string {
  const lines = ['Areas:', ...report.areas.map(formatArea), ''];
  const counts = `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped, ${report.notApplicable} n/a`;
  if (report.verdict === 'fails') lines.push(`${counts}: the backend does NOT conform`);
  else if (report.verdict === 'incomplete') {
    const open = report.areas.filter((a) => a.outcome === 'skipped' || a.outcome === 'partial');
    lines.push(
      `${counts}: no failure, but NOT a verdict of conformance: ${open.map((a) => a.id).join(', ')} ${open.length === 1 ? 'was' : 'were'} not (fully) exercised (see above)`,
    );
  } else lines.push(`${counts}: the backend conforms (every applicable area exercised)`);
  return lines.join('\n');
}
