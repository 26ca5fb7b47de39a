/**
 * End to end through the real discord.js client: follow-ups with pronouns in a reply chain and in a
 * direct message, a briefing as a compact digest of embeds, small talk as plain text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { snowflake } from './testing/discord-payloads.js';
import { type GuildHarness, startGuildHarness } from './testing/guild-harness.js';

describe('discord conversation', () => {
  let h: GuildHarness;
  afterEach(async () => {
    await h.close();
  });

  it('answers "what did he say?" in a reply chain about the person the answer before it named', async () => {
    h = await startGuildHarness();
    const q1 = h.say(h.channel.id, h.mention('Who is the CEO of AWS?'));
    const a1 = await h.replyTo(q1.id);
    const q2 = h.say(h.channel.id, 'and what did he say?', { replyTo: a1, mentions: [h.fake.bot] });
    const a2 = await h.replyTo(q2.id);
    expect(h.briefing.asked.map((a) => a.question)).toEqual([
      'Who is the CEO of AWS?',
      'and what did Matt Garman say?',
    ]);
    expect(a2.embeds[0]?.description).toMatch(/Matt Garman.*\[1\]/s);
  });

  it('keeps a direct message conversation for half an hour, and asks who "he" is after that', async () => {
    const clock = fixedClock();
    h = await startGuildHarness({ clock });
    const dm = snowflake();
    const ask = (content: string) => h.fake.sendMessage({ channelId: dm, author: h.user, content });
    await h.replyTo(String(ask('who is dave brown').id));
    await h.replyTo(String(ask('what did he confirm').id));
    expect(h.briefing.asked.map((a) => a.question)).toEqual([
      'who is dave brown',
      'what did Dave Brown confirm',
    ]);
    // The turn is remembered once the reply is delivered, just after the fake sees it.
    const key = `discord:dm:${dm}:dm`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 6)).toHaveLength(2));
    clock.set('2026-03-02T10:00:00.000Z');
    const late = await h.replyTo(String(ask('and what did he say').id));
    expect(late.content).toContain('Who do you mean by “he”?');
    expect(h.briefing.asked).toHaveLength(2);
  });

  it('shows a briefing as a compact digest: a line per story with outlets and date, numbered sources', async () => {
    h = await startGuildHarness();
    const reply = await h.replyTo(h.say(h.channel.id, h.mention('whats new')).id);
    const [briefing, sources] = reply.embeds as {
      title?: string;
      description?: string;
      fields?: { name: string }[];
    }[];
    expect(briefing?.title).toBe('📰 The top story from the last 3 days:');
    expect(briefing?.description).toMatch(/^\*\*1\.\*\* \*\*OpenAI Signs \$38 Billion AWS Deal/);
    expect(briefing?.description).toMatch(/\[1\].*\n\*5 articles: .*GeekWire.* · 27 Feb 2026\*/s);
    expect(sources?.title).toBe('Sources');
    expect(sources?.fields?.[0]?.name).toMatch(/^\[1\] /);
  });

  it('answers a greeting in plain text with example questions, no embeds and no votes', async () => {
    h = await startGuildHarness();
    const reply = (await h.replyTo(h.say(h.channel.id, h.mention('hi')).id)) as {
      content: string;
      embeds: unknown[];
      components?: unknown[];
    };
    expect(reply.content).toMatch(/^Hi! I brief you on the news in 5 articles/);
    expect(reply.embeds).toEqual([]);
    expect(reply.components ?? []).toEqual([]);
  });
});
