/**
 * End-to-end: what keeps plain-message answering safe and never silent: limits, ignored bots, no
 * pings from article text, and missing permissions told to the person and logged.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../core/answer.js';
import { ALL_TEXT_PERMISSIONS, makeUser } from './testing/discord-payloads.js';
import { type GuildHarness, startGuildHarness } from './testing/guild-harness.js';

const CHANNEL_POST = /^\/channels\/\d+\/messages$/;

describe('discord message safety', () => {
  let h: GuildHarness;

  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    await h.close();
  });

  it('answers a mention that is too long or empty with the rule, not an answer', async () => {
    h = await startGuildHarness();
    const long = await h.replyTo(h.say(h.channel.id, h.mention('Why? '.repeat(150))).id);
    expect(long.content).toMatch(/please keep it under 500 characters/);
    const empty = await h.replyTo(h.say(h.channel.id, h.mention('')).id);
    expect(empty.content).toMatch(/^Ask me a question about the news/);
    expect(h.briefing.asked).toHaveLength(0);
  });

  it('ignores other bots, even when they mention it', async () => {
    h = await startGuildHarness();
    h.say(h.channel.id, h.mention('How big is the AWS deal?'), { author: makeUser({ bot: true }) });
    await h.replyTo(h.say(h.channel.id, h.mention('How big is the AWS deal?')).id);
    expect(h.briefing.asked).toHaveLength(1);
  });

  it('never lets quoted article text ping anyone', async () => {
    const ping: Answer = {
      question: 'q',
      answer: '@everyone @here <@&123456789> <@987654321> said the deal is big. [1]',
      abstained: false,
      mode: 'extractive',
      sentences: [],
      citations: [
        {
          n: 1,
          articleId: 'a',
          title: '@everyone',
          source: null,
          url: null,
          origin: 'o',
          publishedAt: null,
          quote: '@here look',
        },
      ],
      disagreement: false,
      note: null,
    };
    h = await startGuildHarness({ briefing: (seeded) => ({ ...seeded.briefing, ask: async () => ping }) });
    await h.replyTo(h.say(h.channel.id, h.mention('Who said it?')).id);
    const sent = h.fake.requests.find((r) => r.path === `/channels/${h.channel.id}/messages`);
    expect(sent?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('explains a missing Send Messages permission by direct message, and logs it', async () => {
    h = await startGuildHarness({ everyone: ALL_TEXT_PERMISSIONS & ~PermissionFlagsBits.SendMessages });
    h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const open = await h.fake.waitForRequest((r) => r.path === '/users/@me/channels');
    expect(open.body).toEqual({ recipient_id: h.user.id });
    const dm = await h.fake.waitForRequest((r) => r.method === 'POST' && CHANNEL_POST.test(r.path));
    expect(dm.path).not.toBe(`/channels/${h.channel.id}/messages`);
    expect(dm.body.content).toMatch(
      /in <#\d+>: I can't post answers in this channel: I'm missing the \*\*Send Messages\*\* permission/,
    );
    expect(h.briefing.asked).toHaveLength(0);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ missing: ['Send Messages'] }),
      }),
    );
  });

  it('says in the channel when it can post but not embed', async () => {
    h = await startGuildHarness({ channelDeny: PermissionFlagsBits.EmbedLinks });
    h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const sent = await h.fake.waitForRequest((r) => r.path === `/channels/${h.channel.id}/messages`);
    expect(sent.body.content).toMatch(/\*\*Embed Links\*\*/);
    expect(sent.body.embeds ?? []).toEqual([]);
    expect(h.briefing.asked).toHaveLength(0);
  });

  it('falls back to a direct message when Discord refuses the reply', async () => {
    h = await startGuildHarness();
    const refusal = { status: 403, body: { code: 50013, message: 'Missing Permissions' } };
    h.fake.override('POST', new RegExp(`^/channels/${h.channel.id}/messages$`), refusal, 2);
    h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const dm = await h.fake.waitForRequest(
      (r) => r.status === 200 && r.method === 'POST' && CHANNEL_POST.test(r.path),
    );
    expect(dm.path).not.toBe(`/channels/${h.channel.id}/messages`);
    expect(dm.body.content).toMatch(/missing a permission/);
    await vi.waitFor(() => expect(h.logger.entries.some((e) => e.fields.discordCode === 50013)).toBe(true));
  });
});
