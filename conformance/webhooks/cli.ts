// `cassa-conformance webhooks <receiver-url> --secret whsec_…`: sends signed sample events of
// every type the contract defines to a seller's receiver, like `stripe trigger`, and checks it
// answers valid ones with a 2xx in time, refuses forged ones (wrong signature, none, a stale
// timestamp, a tampered body), and answers a redelivered event (same webhook-id) without error.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { BackendClient, type Reply } from '../http.ts';
import { printableJson } from '../printable.ts';
import { formatAreaHeading, formatResult } from '../report.ts';
import { ensure, fail, runChecks, type Check, type CheckResult } from '../runner.ts';
import { sampleEvents, type SampleEvent } from './events.ts';

const USAGE = `Usage: cassa-conformance webhooks <receiver-url> --secret whsec_… [options]

Sends signed sample events (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)
of every type the contract defines to your receiver, and checks that it answers valid ones with
a 2xx within the time limit, refuses a wrong signature, a missing one, a stale timestamp and a
tampered body, and answers a redelivered event (the same webhook-id) without error.

  <receiver-url>        where your server receives Cassa's webhooks (CASSA_WEBHOOK_URL)
  --secret <whsec_…>    the receiver's signing secret (CASSA_WEBHOOK_SECRET)
  --timeout <ms>        the time limit of an answer (default 10000, the reference server's)
  --json                print one JSON report instead of text
  -h, --help            this text

The events are samples (order 2026-000042 and so on): point it at a test receiver, or one that
recognises the samples' ids. Exit code: 0 every check passed, 1 one failed, 2 usage error.`;

/** How old a timestamp the Standard Webhooks libraries refuse (their tolerance is 5 minutes). */
const STALE_SECONDS = 10 * 60;

interface WebhookContext {
  client: BackendClient;
  secret: string;
  timeoutMs: number;
  events: SampleEvent[];
}

function signed(
  secret: string,
  body: string,
  options: { id?: string; at?: Date } = {},
): { id: string; headers: Record<string, string> } {
  const id = options.id ?? `msg_conformance_${randomUUID().replaceAll('-', '')}`;
  const at = options.at ?? new Date();
  return {
    id,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
  };
}

const send = (context: WebhookContext, body: string, headers: Record<string, string>) =>
  context.client.request('POST', '', {
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
    fromServer: true,
  });

const ok = (reply: Reply) => reply.status >= 200 && reply.status < 300;

function expectRefused(reply: Reply, what: string): void {
  if (ok(reply))
    fail(
      `${what} was answered HTTP ${reply.status}: the receiver accepted an event it cannot trust (verify the signature with a Standard Webhooks library against the raw body)`,
    );
}

const label = (event: SampleEvent) =>
  `${event.type}${event.variant ? ` (sample ${event.variant + 1})` : ''}`;

function checks(events: SampleEvent[]): Check<WebhookContext>[] {
  const first = events[0] as SampleEvent;
  return [
    ...events.map((event): Check<WebhookContext> => ({
      id: `webhook-${event.type}${event.variant ? `-${event.variant + 1}` : ''}`,
      area: 'webhooks',
      title: `a signed ${label(event)} event is answered 2xx in time`,
      async run(context) {
        const body = JSON.stringify(event.body);
        const started = performance.now();
        const reply = await send(context, body, signed(context.secret, body).headers);
        const ms = Math.round(performance.now() - started);
        ensure(
          ok(reply),
          `a correctly signed ${label(event)} event was answered HTTP ${reply.status}, not 2xx: the backend would retry it for hours, then give up`,
        );
        ensure(
          ms <= context.timeoutMs,
          `the answer took ${ms} ms, over the ${context.timeoutMs} ms limit: answer first, fulfil afterwards`,
        );
      },
    })),
    {
      id: 'webhook-duplicate',
      area: 'webhooks',
      title: 'the same event delivered again (same webhook-id) is answered 2xx, not an error',
      async run(context) {
        const body = JSON.stringify(first.body);
        const { id, headers } = signed(context.secret, body);
        const once = await send(context, body, headers);
        ensure(ok(once), `the first delivery was answered HTTP ${once.status}`);
        // A retry is signed again, with the time of the new attempt.
        const again = await send(context, body, signed(context.secret, body, { id }).headers);
        ensure(
          ok(again),
          `the same event delivered again (webhook-id ${id}) was answered HTTP ${again.status}: delivery is at least once, a duplicate must be acknowledged (and not fulfilled twice)`,
        );
      },
    },
    {
      id: 'webhook-wrong-signature',
      area: 'webhooks',
      title: 'an event signed with another secret is refused',
      async run(context) {
        const body = JSON.stringify(first.body);
        const other = `whsec_${Buffer.from(randomUUID()).toString('base64')}`;
        expectRefused(
          await send(context, body, signed(other, body).headers),
          'an event signed with another secret',
        );
      },
    },
    {
      id: 'webhook-unsigned',
      area: 'webhooks',
      title: 'an event without webhook-signature is refused',
      async run(context) {
        const body = JSON.stringify(first.body);
        const { headers } = signed(context.secret, body);
        const { 'webhook-signature': _dropped, ...unsigned } = headers;
        void _dropped;
        expectRefused(await send(context, body, unsigned), 'an event without a signature');
      },
    },
    {
      id: 'webhook-stale-timestamp',
      area: 'webhooks',
      title: `a correctly signed event whose timestamp is ${STALE_SECONDS / 60} minutes old is refused (replay)`,
      async run(context) {
        const body = JSON.stringify(first.body);
        const at = new Date(Date.now() - STALE_SECONDS * 1000);
        expectRefused(
          await send(context, body, signed(context.secret, body, { at }).headers),
          `an event signed ${STALE_SECONDS / 60} minutes ago`,
        );
      },
    },
    {
      id: 'webhook-tampered-body',
      area: 'webhooks',
      title: 'a body changed after signing is refused',
      async run(context) {
        const body = JSON.stringify(first.body);
        const { headers } = signed(context.secret, body);
        const tampered = body.replace('"totalCents":14640', '"totalCents":1');
        ensure(tampered !== body, 'the kit could not alter its sample (a bug of the kit)');
        expectRefused(await send(context, tampered, headers), 'a body altered after signing');
      },
    },
  ];
}

function usageError(message: string): never {
  process.stderr.write(`cassa-conformance webhooks: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

export async function webhooksMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        secret: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) usageError('give exactly one receiver URL');
  const url = positionals[0] as string;
  if (!/^https?:\/\/[^/]+/i.test(url))
    usageError(`the receiver URL must start with http:// or https://, got "${url}"`);
  const secret = values.secret;
  if (!secret || !/^whsec_[A-Za-z0-9+/=]{8,}$/.test(secret))
    usageError('--secret takes the receiver’s whsec_… secret');
  const timeoutMs = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) usageError('--timeout takes milliseconds');
  const events = sampleEvents();
  // The answer may take up to the limit; the request itself gets a little more before it is cut.
  const client = new BackendClient(url, timeoutMs + 2000);
  const json = values.json ?? false;
  if (!json)
    process.stdout.write(
      `cassa-conformance webhooks: ${client.backend}\n${formatAreaHeading('webhooks')}\n`,
    );
  const results: CheckResult[] = await runChecks(
    checks(events),
    { client, secret, timeoutMs, events },
    (result) => {
      if (!json) process.stdout.write(`${formatResult(result)}\n`);
    },
  );
  const failed = results.filter((r) => r.outcome === 'fail').length;
  const passed = results.filter((r) => r.outcome === 'pass').length;
  const verdict = failed ? 'fails' : 'conforms';
  if (json) {
    process.stdout.write(
      `${printableJson({ receiver: client.backend, verdict, passed, failed, eventTypes: [...new Set(events.map((e) => e.type))], results })}\n`,
    );
  } else {
    process.stdout.write(
      `\n${passed} passed, ${failed} failed: ${failed ? 'the receiver does NOT handle Cassa’s webhooks as it must' : 'the receiver handles Cassa’s webhooks as it must'}\n`,
    );
  }
  return failed ? 1 : 0;
}
