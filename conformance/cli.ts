// `npx cassa-conformance <backend-url>`: runs the HTTP contract's behaviour checks against a
// backend, area by area; `npx cassa-conformance webhooks <receiver-url> --secret whsec_…` tests a
// seller's webhook receiver. Exit 0 conforms, 1 a check failed, 2 bad usage, 3 no failure but
// areas were not exercised.
import { parseArgs } from 'node:util';
import { AREA_IDS, AREAS } from './areas.ts';
import type { ConformanceOptions } from './context.ts';
import { printableJson } from './printable.ts';
import { formatAreaHeading, formatHeader, formatResult, formatSummary } from './report.ts';
import { CHECKS, EXIT_CODES, runConformance } from './run.ts';
import { webhooksMain } from './webhooks/cli.ts';

const USAGE = `Usage: cassa-conformance <backend-url> [options]
       cassa-conformance webhooks <receiver-url> --secret whsec_… [--json] [--timeout <ms>]

Checks that a backend behaves as the Cassa widget needs (DESIGN 3.3, GET /v1/openapi.json),
area by area: ${AREA_IDS.join(', ')}.
\`webhooks\` sends signed sample events of every type to a seller's receiver instead.

  <backend-url>              the widget's \`backend\` attribute, e.g. http://localhost:8080/api
  --product <id>             product to check, repeatable (default certified-platform); a
                             co-termed product (add-ons on a subscription) needs an account
                             that holds one of its subscriptions
  --area <id>                run only this area, repeatable (the others are not exercised)
  --origin <origin>          page origin that embeds the widget: checks CORS for it
  --username <name>          test account ...
  --password <password>      ... logged in with POST /v1/auth/login
  --portal-secret <secret>   or: mint a session for --username with POST /v1/portal/sessions
  --resume <order-id>:<token>  a resume token from a payment page's return URL
                             (?cassa_order=…&cassa_resume=…), when the kit cannot drive
                             the payment page itself
  --read-only                create no account and no order (no POST /v1/orders); it still
                             sends failed logins for a made-up username and one
                             registration a conforming backend refuses
  --timeout <ms>             per request (default 10000)
  --json                     print one JSON report instead of text
  --list                     list the checks and exit
  -h, --help                 this text

Without --read-only the kit registers throwaway accounts and creates test orders (bank
transfer, postal slip, and card or PayPal orders whose payment page it completes only when
it is a plain HTML form, such as the reference sandbox's): point it at a test or staging
backend.
Exit code: 0 the backend conforms (every applicable area exercised), 1 a check failed,
2 usage error, 3 no check failed but some areas were not exercised (the report says why).`;

function usageError(message: string): never {
  process.stderr.write(`cassa-conformance: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): (ConformanceOptions & { json: boolean }) | 'help' | 'list' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        product: { type: 'string', multiple: true },
        area: { type: 'string', multiple: true },
        origin: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'portal-secret': { type: 'string' },
        resume: { type: 'string' },
        'read-only': { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.list) return 'list';
  if (positionals.length !== 1) usageError('give exactly one backend URL');
  const backend = positionals[0] as string;
  if (!/^https?:\/\/[^/]+/i.test(backend))
    usageError(`the backend URL must start with http:// or https://, got "${backend}"`);
  let origin: string | undefined;
  if (values.origin !== undefined) {
    try {
      origin = new URL(values.origin).origin;
    } catch {
      usageError(`--origin must be an origin such as https://shop.example, got "${values.origin}"`);
    }
  }
  if (values.password !== undefined && values.username === undefined)
    usageError('--password needs --username');
  let resume: ConformanceOptions['resume'];
  if (values.resume !== undefined) {
    const at = values.resume.indexOf(':');
    if (at <= 0 || at === values.resume.length - 1) usageError('--resume takes <order-id>:<token>');
    resume = { orderId: values.resume.slice(0, at), token: values.resume.slice(at + 1) };
  }
  const unknownArea = (values.area ?? []).find((a) => !AREA_IDS.includes(a));
  if (unknownArea) usageError(`unknown --area "${unknownArea}" (areas: ${AREA_IDS.join(', ')})`);
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) usageError('--timeout takes milliseconds');
  return {
    backend,
    productIds: values.product?.length ? values.product : ['certified-platform'],
    ...(values.area?.length ? { areas: values.area } : {}),
    ...(origin ? { origin } : {}),
    ...(values.username !== undefined ? { username: values.username } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values['portal-secret'] !== undefined ? { portalSecret: values['portal-secret'] } : {}),
    ...(resume ? { resume } : {}),
    readOnly: values['read-only'] ?? false,
    timeoutMs,
    json: values.json ?? false,
  };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'webhooks') return webhooksMain(argv.slice(1));
  const options = parseOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options === 'list') {
    for (const area of AREAS) {
      process.stdout.write(`[${area.id}] ${area.title}\n`);
      for (const check of CHECKS.filter((c) => c.area === area.id))
        process.stdout.write(`${check.id} — ${check.title}\n`);
    }
    return 0;
  }
  if (!options.json) {
    process.stdout.write(
      `${formatHeader({ backend: options.backend.replace(/\/+$/, ''), origin: options.origin ?? null, readOnly: options.readOnly })}\n`,
    );
  }
  let area = '';
  const report = await runConformance(options, (result) => {
    if (options.json) return;
    if (result.area !== area) process.stdout.write(`${formatAreaHeading(result.area)}\n`);
    area = result.area;
    process.stdout.write(`${formatResult(result)}\n`);
  });
  if (options.json) process.stdout.write(`${printableJson(report)}\n`);
  else process.stdout.write(`\n${formatSummary(report)}\n`);
  return EXIT_CODES[report.verdict];
}

// A reader that stops early (`| head`) closes the pipe: that is not the kit's failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
