/**
 * @module adapters/slack/digest-sink-crash.test
 * kill -9 around a scheduled digest, through the real Bolt client against the local Slack: the process
 * dies after Slack accepted the post but before the run was recorded (the restarted scheduler finds it
 * by its metadata and posts nothing), or before Slack got it (it goes out within 60 s, not 5 minutes).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DigestSink } from '../../core/digest/digest-ports.js';
import { createProcessDeath } from '../../test-support/process-death.js';
import { createSlackDigestSink } from './digest-sink.js';
import { type DigestHarness, startDigestHarness } from './testing/digest-fixtures.js';
import type { SlackMode } from './testing/slack-harness.js';
import { CHANNEL } from './testing/slack-payloads.js';

/** 08:00 in Berlin on the day after the seed articles arrive, and when the first instance dies. */
const SLOT = '2026-03-03T07:00:00.000Z';
const CRASH = '2026-03-03T07:00:20.000Z';
const at = (seconds: number) => new Date(Date.parse(CRASH) + seconds * 1000).toISOString();

describe.each<SlackMode>(['http', 'socket'])('Slack digests after a crash (%s mode)', (mode) => {
  let h: DigestHarness;
  afterEach(async () => {
    await h.close();
  });

  async function subscribe() {
    const { responseId } = await h.command('subscribe daily 08:00 tz Europe/Berlin topic AWS');
    await h.fake.waitForResponse('the confirmation', (r) => r.id === responseId);
    const [subscription] = await h.subscriptions.listAll();
    if (!subscription) throw new Error('not subscribed');
    h.seeded.clock.set(CRASH);
    return subscription;
  }

  /** A first instance whose process dies at the point `dieAt` picks, after or before Slack has the post. */
  function dyingInstance(dieAt: 'after Slack accepted' | 'before Slack got it') {
    const death = createProcessDeath();
    const sink = createSlackDigestSink(h.handle, {
      conversations: h.seeded.conversations,
      clock: h.seeded.clock,
      logger: h.logger,
    });
    const dying: DigestSink = {
      ...sink,
      async deliver(sub, digest, options) {
        if (dieAt === 'after Slack accepted') await sink.deliver(sub, digest, options);
        death.die();
        return death.hang();
      },
    };
    const scheduler = h.scheduler({ owner: 'first', runs: death.freeze(h.runs), sinks: { slack: dying } });
    void scheduler.tick();
    return death.died;
  }

  it('does not post again when the process died after Slack accepted the post', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribe();
    await dyingInstance('after Slack accepted');
    expect(h.posts()).toHaveLength(1);
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'running', owner: 'first' });

    const restarted = h.scheduler({ owner: 'restarted' });
    h.seeded.clock.set(at(45));
    await restarted.tick();
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({
      status: 'sent',
      owner: 'restarted',
      attempts: 2,
    });
    const read = h.fake.calls.find((c) => c.method === 'conversations.history');
    expect(read?.args).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true' }); // form-encoded on the wire
    h.seeded.clock.set(at(600));
    await restarted.tick();
    expect(h.posts()).toHaveLength(1);
    const [posted] = [...h.fake.messages.values()];
    expect(posted?.metadata).toEqual({
      event_type: 'briefbot_digest',
      event_payload: { run_id: `${subscription.id}@${SLOT}`, part: 1, parts: 1 },
    });
    expect(h.logger.entries.map((e) => e.message)).toContain(
      'digest: already in the channel (the record was lost), recorded as sent',
    );
  });

  it('posts within 60 s when the process died before Slack got the post', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribe();
    await dyingInstance('before Slack got it');
    expect(h.posts()).toHaveLength(0);

    const restarted = h.scheduler({ owner: 'restarted' });
    h.seeded.clock.set(at(45));
    await restarted.tick();
    expect(h.posts()).toHaveLength(1);
    expect(h.posts()[0]?.args.channel).toBe(CHANNEL);
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({ status: 'sent', attempts: 2 });
    h.seeded.clock.set(at(600));
    await restarted.tick();
    expect(h.posts()).toHaveLength(1);
  });

  it('retries later when the channel history cannot be read, and says why when it never can', async () => {
    h = await startDigestHarness(mode);
    const subscription = await subscribe();
    await dyingInstance('before Slack got it');
    h.fake.script('conversations.history', { body: { ok: false, error: 'missing_scope' } });
    const restarted = h.scheduler({ owner: 'restarted' });
    h.seeded.clock.set(at(45));
    await restarted.tick();
    expect(h.posts().filter((p) => p.args.channel === CHANNEL)).toHaveLength(0);
    expect(await h.runs.get(subscription.id, SLOT)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('Slack refused reading the channel (missing_scope)'),
    });
  });
});
