/**
 * End-to-end: the bot survives what Discord does in production: REST 429s with retry-after, the
 * gateway dropping or closing the socket (resume, or re-identify when the session is refused).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { makeUser, type WireChannel } from './testing/discord-payloads.js';

describe('discord resilience', () => {
  let h: Harness;
  let channel: WireChannel;
  let guildId: string;
  const user = makeUser();

  const askByMention = async (text: string) => {
    const question = h.fake.sendMessage({
      channelId: channel.id,
      guildId,
      author: user,
      content: `<@${h.fake.bot.id}> ${text}`,
      mentions: [h.fake.bot],
    });
    return h.fake.waitForRequest(
      (r) =>
        r.status === 200 &&
        (r.body.message_reference as { message_id?: string } | undefined)?.message_id === question.id,
      15_000,
    );
  };

  beforeEach(async () => {
    h = await startHarness();
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
  });
  afterEach(async () => {
    await h.close();
  });

  it('waits out a 429 for its retry-after, then delivers the answer', async () => {
    h.fake.override('POST', new RegExp(`^/channels/${channel.id}/messages$`), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.4, global: false },
      headers: {
        'retry-after': '0.4',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.4',
        'x-ratelimit-bucket': 'channel-messages',
        'x-ratelimit-scope': 'user',
      },
    });
    const delivered = await askByMention('How big is the AWS deal?');
    const attempts = h.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${channel.id}/messages`,
    );
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(delivered.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(350);
    expect(h.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('resumes after the connection drops and answers what was asked meanwhile', async () => {
    await askByMention('How big is the AWS deal?');
    h.fake.gateway.dropConnections();
    const during = askByMention('How many years does the deal run?');
    await h.fake.gateway.waitForResumes(1);
    await during;
    expect(h.fake.gateway.resumes).toEqual([expect.objectContaining({ accepted: true })]);
    expect(h.fake.gateway.identifies).toHaveLength(1);
    await askByMention('Who supplies the chips?');
  });

  it('identifies again when the gateway refuses to resume, and still answers', async () => {
    h.fake.gateway.rejectResumes = true;
    h.fake.gateway.closeConnections(4000);
    await h.fake.gateway.waitForResumes(1);
    await h.fake.gateway.waitForIdentifies(2, 15_000);
    await askByMention('How big is the AWS deal?');
    expect(h.fake.gateway.resumes).toEqual([expect.objectContaining({ accepted: false })]);
  });
});
