// `cassa-conformance webhooks`: a good receiver passes; each bad one fails its named checks.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { WEBHOOK_EVENT_TYPES, WebhookEventSchema } from '../../src/api/webhooks.ts';
import { sampleEvents } from '../../conformance/webhooks/events.ts';
import { WEBHOOK_TYPES } from '../../server/src/webhooks/webhooks.ts';
import {
  RECEIVER_DEFECTS,
  webhookReceiver,
  type ReceiverDefect,
} from '../fixtures/conformance/webhook-receivers.ts';
import { outcomes, runKit } from './kit.ts';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

describe('cassa-conformance webhooks', () => {
  it('the contract lists every event type the reference server sends', () => {
    assert.deepEqual([...WEBHOOK_EVENT_TYPES].sort(), [...WEBHOOK_TYPES].sort());
  });

  it('has a sample of every event type, each valid against the contract’s schema', () => {
    const samples = sampleEvents();
    assert.deepEqual([...new Set(samples.map((s) => s.type))], [...WEBHOOK_EVENT_TYPES]);
    for (const sample of samples)
      assert.equal(WebhookEventSchema.safeParse(sample.body).success, true, sample.type);
  });

  it('a receiver that verifies with standardwebhooks and acknowledges duplicates passes (exit 0)', async () => {
    const receiver = await webhookReceiver(SECRET);
    try {
      const run = await runKit(['webhooks', receiver.url, '--secret', SECRET]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const seen = outcomes(run.stdout);
      for (const type of WEBHOOK_EVENT_TYPES) assert.equal(seen[`webhook-${type}`], 'PASS', type);
      for (const id of [
        'webhook-duplicate',
        'webhook-wrong-signature',
        'webhook-stale-timestamp',
        'webhook-tampered-body',
      ])
        assert.equal(seen[id], 'PASS', id);
      assert.match(
        run.stdout,
        /^\d+ passed, 0 failed: the receiver handles Cassa’s webhooks as it must$/m,
      );
      // Every valid sample reached it (each with its own webhook-id), the duplicate once.
      assert.equal(receiver.handled.size, sampleEvents().length + 1);
    } finally {
      await receiver.close();
    }
  });

  for (const [defect, caughtBy] of Object.entries(RECEIVER_DEFECTS)) {
    it(`a receiver with "${defect}" fails ${caughtBy.join(', ')} (exit 1)`, async () => {
      const receiver = await webhookReceiver(SECRET, defect as ReceiverDefect);
      try {
        const run = await runKit(['webhooks', receiver.url, '--secret', SECRET, '--json']);
        assert.equal(run.code, 1, run.stdout + run.stderr);
        const report = JSON.parse(run.stdout);
        const failed = report.results
          .filter((r: { outcome: string }) => r.outcome === 'fail')
          .map((r: { id: string }) => r.id);
        assert.deepEqual(failed, caughtBy);
      } finally {
        await receiver.close();
      }
    });
  }

  it('a usage error (no whsec_ secret) exits 2', async () => {
    const run = await runKit(['webhooks', 'http://127.0.0.1:9/x']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--secret takes the receiver’s whsec_… secret/);
  });
});
