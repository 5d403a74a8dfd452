// Issue 14, item 5: the server answers a control character in a holder's name with the same field
// code as the widget's form (text.control, from the shared validator), at that field.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bankTransferOrder, companyHolder, DEMO_USERS } from '../hardening/requests.ts';
import { startServer, type Server } from './harness.ts';

let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

async function orderWithName(name: string) {
  const token = await server.login(DEMO_USERS.company);
  return server.request('POST', '/api/v1/orders', {
    token,
    body: { ...bankTransferOrder(), holder: { ...companyHolder(), name } },
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
}

describe('orders: control characters in the holder name', () => {
  it('a bell character in the name is 422 holder.name text.control', async () => {
    const reply = await orderWithName('Rossi\u0007 Costruzioni S.r.l.');
    assert.equal(reply.status, 422);
    const errors = (reply.body as { errors: { path: string; code: string }[] }).errors;
    assert.deepEqual(
      errors.map((e) => [e.path, e.code]),
      [['holder.name', 'text.control']],
    );
  });

  it('a name with a tab (pasted text) is still taken as typed', async () => {
    const reply = await orderWithName('Rossi\tCostruzioni S.r.l.');
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
  });
});
