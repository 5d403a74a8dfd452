// A merchant's webhook receiver for the tests: a real HTTP server that verifies every delivery
// with the `standardwebhooks` package (the receiver's side of the same library) and records it.
// Modes: `ok` answers 204 to a verified delivery, `fail` answers 500, `hang` never answers,
// `refuse-first` answers 500 to the first verified delivery and 204 to every other.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../../server/src/webhooks/webhooks.ts';

export interface Delivery {
  webhookId: string;
  verified: boolean;
  type: string | undefined;
  payload: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
  /** The status this receiver answered (undefined while hanging). */
  answered: number | undefined;
}

export interface Receiver {
  url: string;
  secret: string;
  deliveries: Delivery[];
  mode: 'ok' | 'fail' | 'hang' | 'refuse-first';
  /** Verified deliveries answered 2xx, by webhook-id. */
  acknowledged(): Map<string, number>;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(
  mode: Receiver['mode'] = 'ok',
  secret = newWebhookSecret(),
): Promise<Receiver> {
  const verifier = new Webhook(secret);
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    secret,
    deliveries: [],
    mode,
    acknowledged() {
      const counts = new Map<string, number>();
      for (const d of receiver.deliveries) {
        if (d.verified && d.answered !== undefined && d.answered < 300)
          counts.set(d.webhookId, (counts.get(d.webhookId) ?? 0) + 1);
      }
      return counts;
    },
    async waitFor(predicate, timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('timed out waiting for webhooks');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      let payload: unknown;
      let verified = false;
      try {
        payload = verifier.verify(body, headers);
        verified = true;
      } catch {
        payload = undefined;
      }
      const delivery: Delivery = {
        webhookId: headers['webhook-id'],
        verified,
        type: (payload as { type?: string } | undefined)?.type,
        payload,
        answered: undefined,
      };
      receiver.deliveries.push(delivery);
      if (receiver.mode === 'hang') {
        hanging.add(response);
        return;
      }
      const refuse =
        receiver.mode === 'fail' ||
        (receiver.mode === 'refuse-first' &&
          receiver.deliveries.filter((d) => d.verified).length === 1);
      delivery.answered = !verified ? 401 : refuse ? 500 : 204;
      response.writeHead(delivery.answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  receiver.url = `http://127.0.0.1:${port}/hooks`;
  return receiver;
}
