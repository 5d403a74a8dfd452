// A tiny HTTP backend for client tests: each test decides, per route, what the server does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers one request; `attempt` counts the requests seen on this route (1 = first). */
export type Handler = (
  request: RecordedRequest,
  response: ServerResponse,
  attempt: number,
) => void | Promise<void>;

export interface FakeBackend {
  /** Base URL of the backend, e.g. `http://127.0.0.1:34567/api`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Routes keyed by `METHOD /path` (the path after `/api`). */
  route(key: string, handler: Handler): void;
  close(): Promise<void>;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function sendProblem(
  response: ServerResponse,
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  response.end(
    JSON.stringify({
      type: `https://cassa.dev/problems/${code}`,
      title: code,
      status,
      ...extra,
    }),
  );
}

/** Always the same JSON answer. */
export const answer =
  (status: number, body: unknown, headers?: Record<string, string>): Handler =>
  (_request, response) =>
    sendJson(response, status, body, headers);

export async function startFakeBackend(): Promise<FakeBackend> {
  const routes = new Map<string, Handler>();
  const attempts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').replace(/^\/api/, '');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const key = `${recorded.method} ${path}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const handler = routes.get(key);
    if (handler) await handler(recorded, res, attempt);
    else sendProblem(res, 404, 'not-found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    route: (key, handler) => routes.set(key, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
