/**
 * `brief serve` through the composition root: with Slack settings it starts the real Bolt adapter on
 * PORT, answers a signed mention from the seeds in the thread, and stops cleanly on shutdown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/adapters/slack/testing/fake-slack-server.js';
import { postCommand, postEvent } from '../src/adapters/slack/testing/signed-request.js';
import { mentionEvent } from '../src/adapters/slack/testing/slack-payloads.js';
import { freePort } from '../src/test-support/free-port.js';
import { healthzBecomes, serveInProcess } from './support/serve-in-process.js';

const SECRET = 'serve-test-secret';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('brief serve', () => {
  it('starts Slack from the environment, answers a mention in its thread, and stops on shutdown', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const port = await freePort();
    const { running, stop } = serveInProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DIGEST_CHANNELS: 'slack:C0001',
    });
    await healthzBecomes(`http://127.0.0.1:${port}/healthz`, 200);
    const event = mentionEvent({ text: 'How much is the AWS deal worth?' });
    await postEvent(`http://127.0.0.1:${port}/slack/events`, SECRET, event);
    const posted = await slack.waitForCall(
      'the answer',
      (c) => c.method === 'chat.postMessage' && /38 billion/.test(JSON.stringify(c.args)),
    );
    expect(posted.args.thread_ts).toBe(event.event.ts);

    await postCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: '/brief',
      text: 'digest',
      user_id: 'U0001',
      team_id: 'T0001',
      channel_id: 'C0001',
      response_url: slack.responseUrl('digest'),
      trigger_id: 't1',
    });
    const digest = await slack.waitForResponse(
      'the digest',
      (r) => r.id === 'digest' && /5 sources/.test(JSON.stringify(r.body)),
    );
    expect(digest.body.response_type).toBe('ephemeral');

    // A topic of common words would match every article: refused, as when subscribing.
    await postCommand(`http://127.0.0.1:${port}/slack/events`, SECRET, {
      command: '/brief',
      text: 'digest the',
      user_id: 'U0001',
      team_id: 'T0001',
      channel_id: 'C0001',
      response_url: slack.responseUrl('common-words'),
      trigger_id: 't2',
    });
    const refused = await slack.waitForResponse('the refusal', (r) => r.id === 'common-words');
    expect(JSON.stringify(refused.body)).toContain('only common words');
    stop();
    expect(await running).toBe(0);
  });
});
