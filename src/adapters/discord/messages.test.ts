/**
 * End-to-end: questions in plain messages (mentions, DMs) and follow-ups (threads, replies to the
 * bot's answers), through the real discord.js client against the fake Discord.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAnswer } from '../../test-support/make-answer.js';
import { makeMessage, makeThread, snowflake } from './testing/discord-payloads.js';
import { storeMessage } from './testing/fake-rest-routes.js';
import { type GuildHarness, type PostedMessage, startGuildHarness } from './testing/guild-harness.js';
import { makeBriefInteraction } from './testing/interaction-payloads.js';

describe('discord messages', () => {
  let h: GuildHarness;

  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    await h.close();
  });

  it('answers a mention with a reply carrying the cited answer', async () => {
    h = await startGuildHarness();
    const question = h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const reply = await h.replyTo(question.id);
    expect(reply.embeds[0]?.description).toMatch(/\$38 billion.*\[1\]/s);
    expect(h.briefing.asked[0]?.question).toBe('How big is the AWS deal?');
    expect(h.fake.requests.some((r) => r.path === `/channels/${h.channel.id}/typing`)).toBe(true);
  });

  it('answers a direct message without any mention', async () => {
    h = await startGuildHarness();
    const dm = snowflake();
    const question = h.fake.sendMessage({
      channelId: dm,
      author: h.user,
      content: 'How big is the AWS deal?',
    });
    const reply = await h.replyTo(String(question.id));
    expect(reply.channel_id).toBe(dm);
    expect(reply.embeds[0]?.description).toContain('[1]');
  });

  it('keeps the earlier questions of a thread as context for a follow-up', async () => {
    h = await startGuildHarness();
    await h.replyTo(h.say(h.thread.id, h.mention('How big is the AWS deal?')).id);
    await h.replyTo(h.say(h.thread.id, h.mention('How many years does it run?')).id);
    expect(h.briefing.asked[1]?.options.history).toEqual([
      expect.objectContaining({
        question: 'How big is the AWS deal?',
        answer: expect.stringContaining('$38 billion'),
      }),
    ]);
  });

  it('takes unmentioned follow-ups in its threads only with the MessageContent intent', async () => {
    h = await startGuildHarness({ config: { DISCORD_MESSAGE_CONTENT: true } });
    expect(h.fake.gateway.identifies[0]?.intents).toBe(1 | 512 | 4096 | 32768);
    await h.replyTo(h.say(h.thread.id, h.mention('How big is the AWS deal?')).id);
    const key = `discord:${h.guild.id}:${h.channel.id}:${h.thread.id}`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.hasConversation(key)).toBe(true));
    await h.replyTo(h.say(h.thread.id, 'And how long does it run?').id);
    expect(h.briefing.asked[1]?.options.history).toHaveLength(1);
    // A thread it has not answered in is people talking to each other; a later mention there is answered.
    h.say(h.otherThread.id, 'Chatting among ourselves');
    await h.replyTo(h.say(h.otherThread.id, h.mention('Who supplies the chips?')).id);
    // "it" is read as the deal the thread is about.
    expect(h.briefing.asked.map((a) => a.question)).toEqual([
      'How big is the AWS deal?',
      'And how long does the AWS deal run?',
      'Who supplies the chips?',
    ]);
  });

  it('asks for the MessageContent intent only when free-text follow-ups are on', async () => {
    h = await startGuildHarness();
    expect(h.fake.gateway.identifies[0]?.intents).toBe(1 | 512 | 4096);
  });

  it('continues a conversation when someone replies to its answer, across several replies', async () => {
    h = await startGuildHarness();
    const q1 = h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const a1 = await h.replyTo(q1.id);
    // A reply with its @mention on lists the bot among the mentions, without <@id> in the text.
    const q2 = h.say(h.channel.id, 'How many years does it run?', { replyTo: a1, mentions: [h.fake.bot] });
    const a2 = await h.replyTo(q2.id);
    const q3 = h.say(h.channel.id, 'Who supplies the chips?', { replyTo: a2, mentions: [h.fake.bot] });
    await h.replyTo(q3.id);
    expect(h.briefing.asked.map((a) => a.options.history?.length ?? 0)).toEqual([0, 1, 2]);
    const key = `discord:${h.guild.id}:${h.channel.id}:${q1.id}`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(3));
    expect((await h.seeded.conversations.recentTurns(key, 10)).map((t) => t.question)).toEqual([
      'How big is the AWS deal?',
      'How many years does it run?',
      'Who supplies the chips?',
    ]);
  });

  it('continues a /brief ask conversation when someone replies to the answer and mentions it', async () => {
    h = await startGuildHarness();
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user: h.user,
      channel: h.channel,
      guildId: h.guild.id,
      subcommand: 'ask',
      options: { question: 'How big is the AWS deal?' },
    });
    const record = h.fake.sendInteraction(payload);
    await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    const answer = record.original as PostedMessage;
    const key = `discord:${h.guild.id}:${h.channel.id}:${payload.id}`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.hasConversation(key)).toBe(true));
    await h.replyTo(h.say(h.channel.id, h.mention('How many years does it run?'), { replyTo: answer }).id);
    expect(h.briefing.asked[1]?.options.history).toHaveLength(1);
    await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(2));
    // A thread started from the answer has the answer's id and finds the conversation there too.
    const thread = makeThread(h.guild.id, h.channel.id, { id: answer.id, name: 'deal talk' });
    h.guild.threads.push(thread);
    h.fake.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, h.guild.id);
    await h.replyTo(h.say(thread.id, h.mention('Who supplies the chips?')).id);
    expect(h.briefing.asked[2]?.options.history?.map((t) => t.question)).toEqual([
      'How big is the AWS deal?',
      'How many years does it run?',
    ]);
  });

  it('finds the conversation of an answer from before a restart when a thread is started from it', async () => {
    h = await startGuildHarness();
    // Asked and answered before the bot restarted: in Discord and the database, in no cache.
    const where = { channelId: h.channel.id, guildId: h.guild.id };
    const question = { ...where, id: snowflake(), author: h.user, content: h.mention('Q') };
    const answer = { ...where, id: snowflake(), author: h.fake.bot, content: 'A' };
    const asked = { ...makeMessage(question), id: question.id, channel_id: h.channel.id, author: h.user };
    storeMessage(h.fake.state, asked);
    storeMessage(h.fake.state, makeMessage({ ...answer, replyTo: asked }));
    const key = `discord:${h.guild.id}:${h.channel.id}:${question.id}`;
    const earlier = { question: 'How big is the AWS deal?', answer: 'A $38 billion agreement. [1]' };
    await h.seeded.conversations.appendTurn(key, earlier, new Date().toISOString());
    const thread = makeThread(h.guild.id, h.channel.id, { id: answer.id, name: 'deal talk' });
    h.guild.threads.push(thread);
    h.fake.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, h.guild.id);
    await h.replyTo(h.say(thread.id, h.mention('How many years does it run?')).id);
    expect(h.briefing.asked[0]?.options.history).toEqual([earlier]);
    expect(h.fake.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', path: `/channels/${h.channel.id}/messages/${thread.id}` }),
    );
  });

  it('posts the answer as a plain message when the question was deleted meanwhile', async () => {
    h = await startGuildHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        ask: (question, options) => {
          // The person deletes their question while the bot works on it.
          const channel = h.fake.state.messages.get(h.channel.id);
          for (const [id, m] of channel ?? [])
            if ((m.author as { id: string }).id === h.user.id) channel?.delete(id);
          return seeded.briefing.ask(question, options);
        },
      }),
    });
    h.say(h.channel.id, h.mention('How big is the AWS deal?'));
    const post = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${h.channel.id}/messages` && r.status === 200,
    );
    expect((post.body.embeds as { description?: string }[])[0]?.description).toMatch(/\$38 billion/);
    expect(h.fake.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(h.fake.requests.some((r) => r.path === '/users/@me/channels')).toBe(false);
  });

  describe('with answers split over several messages', () => {
    // About 13,000 characters: three messages, the vote buttons on the last.
    const longAnswer = (question: string) =>
      makeAnswer({
        question,
        answer: `${'OpenAI signed a seven-year, $38 billion agreement with AWS. [1] '.repeat(200)}`,
      });
    const start = () =>
      startGuildHarness({
        briefing: (seeded) => ({ ...seeded.briefing, ask: async (question) => longAnswer(question) }),
      });
    /** The bot's messages answering `questionId`, once all three are posted, oldest first. */
    const answerTo = (questionId: string) =>
      vi.waitFor(() => {
        const all = [...(h.fake.state.messages.get(h.channel.id)?.values() ?? [])] as PostedMessage[];
        const parts = all.filter(
          (m) => m.author.id === h.fake.bot.id && m.message_reference?.message_id === questionId,
        );
        expect(parts).toHaveLength(3);
        return parts;
      });
    const replyTo = (answer: PostedMessage, text: string) =>
      h.say(h.channel.id, text, { replyTo: answer, mentions: [h.fake.bot] });

    it('continues the conversation from whichever message of an answer is replied to', async () => {
      h = await start();
      const q1 = h.say(h.channel.id, h.mention('How big is the AWS deal?'));
      const key = `discord:${h.guild.id}:${h.channel.id}:${q1.id}`;
      const a1 = await answerTo(q1.id);
      expect(a1.map((m) => (m.components as unknown[]).length)).toEqual([0, 0, 1]);
      await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(1));
      const q2 = replyTo(a1[2] as PostedMessage, 'How many years does it run?');
      const a2 = await answerTo(q2.id);
      await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(2));
      // Round 3 replies to the first message of round 2's answer, round 4 to the middle one.
      const q3 = replyTo(a2[0] as PostedMessage, 'Who supplies the chips?');
      const a3 = await answerTo(q3.id);
      await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(3));
      replyTo(a3[1] as PostedMessage, 'When was it announced?');
      await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(4));
      expect(h.briefing.asked.map((a) => a.options.history?.length ?? 0)).toEqual([0, 1, 2, 3]);
    });

    it('keeps the conversation in a thread started from any message of an answer', async () => {
      h = await start();
      const q1 = h.say(h.channel.id, h.mention('How big is the AWS deal?'));
      const a1 = await answerTo(q1.id);
      const q2 = replyTo(a1[2] as PostedMessage, 'How many years does it run?');
      const a2 = await answerTo(q2.id);
      const key = `discord:${h.guild.id}:${h.channel.id}:${q1.id}`;
      await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 10)).toHaveLength(2));
      // A thread started from a message has the message's id.
      const thread = makeThread(h.guild.id, h.channel.id, { id: a2[0]?.id as string, name: 'deal talk' });
      h.guild.threads.push(thread);
      h.fake.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, h.guild.id);
      const inThread = h.say(thread.id, h.mention('Who supplies the chips?'));
      await h.replyTo(inThread.id);
      expect(h.briefing.asked[2]?.options.history?.map((t) => t.question)).toEqual([
        'How big is the AWS deal?',
        'How many years does it run?',
      ]);
      // The thread's next question still sees them, before the thread's own; the channel's
      // conversation does not take in what was asked in the thread.
      const threadKey = `discord:${h.guild.id}:${h.channel.id}:${thread.id}`;
      await vi.waitFor(async () =>
        expect(await h.seeded.conversations.hasConversation(threadKey)).toBe(true),
      );
      await h.replyTo(h.say(thread.id, h.mention('When was it announced?')).id);
      expect(h.briefing.asked[3]?.options.history?.map((t) => t.question)).toEqual([
        'How big is the AWS deal?',
        'How many years does it run?',
        'Who supplies the chips?',
      ]);
      replyTo(a2[2] as PostedMessage, 'Is it exclusive?');
      await vi.waitFor(() => expect(h.briefing.asked).toHaveLength(5));
      expect(h.briefing.asked[4]?.options.history?.map((t) => t.question)).toEqual([
        'How big is the AWS deal?',
        'How many years does it run?',
      ]);
    });

    it('starts a thread afresh when it was not started from an answer of the bot', async () => {
      h = await start();
      const q1 = h.say(h.channel.id, h.mention('How big is the AWS deal?'));
      await answerTo(q1.id);
      // Started from someone's remark on the question, not from the bot's answer.
      const remark = h.say(h.channel.id, 'Big numbers, these.', {
        replyTo: { ...q1, channel_id: h.channel.id, author: h.user },
      });
      const thread = makeThread(h.guild.id, h.channel.id, { id: remark.id, name: 'deal talk' });
      h.guild.threads.push(thread);
      h.fake.gateway.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, h.guild.id);
      await h.replyTo(h.say(thread.id, h.mention('Who supplies the chips?')).id);
      expect(h.briefing.asked[1]?.options.history).toBeUndefined();
    });
  });
});
