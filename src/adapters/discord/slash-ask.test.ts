/**
 * End-to-end: `/brief ask` through the real discord.js client against the fake Discord, answered
 * from the seeded articles; feedback buttons, limits and refusals included.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../core/answer.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { ALL_TEXT_PERMISSIONS, makeUser, type WireChannel } from './testing/discord-payloads.js';
import type { RecordedRequest } from './testing/fake-discord.js';
import { makeBriefInteraction, makeButtonClick } from './testing/interaction-payloads.js';

interface WireEmbed {
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
}
type Body = {
  content?: string;
  embeds?: WireEmbed[];
  components?: { components: { custom_id: string }[] }[];
  flags?: number;
};

describe('discord /brief ask', () => {
  let h: Harness;
  let channel: WireChannel;
  let guildId: string;

  const ask = (
    question: string,
    overrides: { appPermissions?: bigint; user?: ReturnType<typeof makeUser> } = {},
  ) => {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user: overrides.user ?? makeUser(),
      channel,
      guildId,
      subcommand: 'ask',
      options: { question },
      ...(overrides.appPermissions === undefined ? {} : { appPermissions: overrides.appPermissions }),
    });
    return { payload, record: h.fake.sendInteraction(payload) };
  };
  const editOf = (token: string) =>
    h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token));
  const callbackOf = (token: string) => h.fake.waitForRequest((r) => r.path.endsWith(`${token}/callback`));

  beforeEach(async () => {
    h = await startHarness();
    const guild = h.fake.state.guilds[0];
    if (!guild?.channels[0]) throw new Error('fake guild without channel');
    guildId = guild.id;
    channel = guild.channels[0];
  });
  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    await h.close();
  });

  it('defers publicly, then edits the reply into a cited answer with sources and vote buttons', async () => {
    const { payload } = ask('How big is the AWS deal?');
    const edit = await editOf(payload.token);
    const defer = await callbackOf(payload.token);
    expect(defer.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(defer.at).toBeLessThan(edit.at);

    const body = edit.body as Body;
    const [answer, sources] = body.embeds ?? [];
    expect(answer?.title).toBe('How big is the AWS deal?');
    expect(answer?.description).toMatch(/\$38 billion.*\[1\]/s);
    expect(sources?.title).toBe('Sources');
    expect(sources?.fields?.[0]?.name).toMatch(/^\[1\] .+ · date unknown$/);
    expect(sources?.fields?.[0]?.value).toMatch(/^\*\*.+\*\*\n> “.+”$/s);
    const buttons = body.components?.[0]?.components.map((c) => c.custom_id) ?? [];
    expect(buttons).toEqual([
      expect.stringMatching(/^brief:vote:up:/),
      expect.stringMatching(/^brief:vote:down:/),
    ]);
    const key = `discord:${guildId}:${channel.id}:${payload.id}`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 5)).toHaveLength(1));
  });

  it('acknowledges before the slow work finishes', async () => {
    await h.close();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    h = await startHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        ask: async (question, options) => {
          await gate;
          return seeded.briefing.ask(question, options);
        },
      }),
    });
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    guildId = h.fake.state.guilds[0]?.id as string;
    const { payload, record } = ask('How big is the AWS deal?');
    await callbackOf(payload.token);
    expect(record.callbacks.map((c) => c.type)).toEqual([5]);
    expect(h.fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
    release();
    const edit = await editOf(payload.token);
    expect((edit.body as Body).embeds?.[0]?.description).toContain('[1]');
  });

  it('shows an abstention differently from an answer', async () => {
    const { payload } = ask('What is the weather on Mars?');
    const answered = ask('How big is the AWS deal?');
    const abstained = ((await editOf(payload.token)).body as Body).embeds?.[0];
    const cited = ((await editOf(answered.payload.token)).body as Body).embeds?.[0];
    expect(abstained?.title).toBe('Not in the articles I have read');
    expect(abstained?.color).not.toBe(cited?.color);
    expect(abstained?.description).not.toContain('[1]');
  });

  it('stores a 👍 click against the answer and confirms it only to the voter', async () => {
    const { payload, record } = ask('How big is the AWS deal?');
    await editOf(payload.token);
    const voter = makeUser();
    const message = record.original as Record<string, unknown>;
    const upId = ((message.components as Body['components']) ?? [])[0]?.components[0]?.custom_id ?? '';
    const click = makeButtonClick({
      applicationId: h.fake.state.applicationId,
      user: voter,
      channel,
      guildId,
      customId: upId,
      message,
    });
    h.fake.sendInteraction(click);
    const reply = await callbackOf(click.token);
    const data = reply.body.data as Body;
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toContain('👍');
    const answerId = upId.split(':')[3] ?? '';
    expect(await h.seeded.feedback.tally(answerId)).toEqual({ up: 1, down: 0 });
  });

  it('refuses too-long questions ephemerally, without asking the core', async () => {
    const { payload } = ask('Why? '.repeat(200));
    const reply = await callbackOf(payload.token);
    const data = reply.body.data as Body;
    expect(reply.body.type).toBe(4);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/under 500 characters/);
    expect(h.briefing.asked).toHaveLength(0);
  });

  it('limits questions per person and says when to try again', async () => {
    const user = makeUser();
    const edits: Promise<RecordedRequest>[] = [];
    for (let i = 0; i < 10; i += 1)
      edits.push(editOf(ask('How big is the AWS deal?', { user }).payload.token));
    await Promise.all(edits);
    const { payload } = ask('How big is the AWS deal?', { user });
    const data = (await callbackOf(payload.token)).body.data as Body;
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/wait \d+ s/);
    const other = ask('How big is the AWS deal?');
    expect(((await editOf(other.payload.token)).body as Body).embeds?.length).toBeGreaterThan(0);
  });

  it('tells the person, ephemerally, which permission is missing, and logs it', async () => {
    const { payload } = ask('How big is the AWS deal?', {
      appPermissions: ALL_TEXT_PERMISSIONS & ~PermissionFlagsBits.EmbedLinks,
    });
    const reply = await callbackOf(payload.token);
    const data = reply.body.data as Body;
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toContain('**Embed Links**');
    expect(h.briefing.asked).toHaveLength(0);
    expect(h.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ code: 'delivery' }) }),
    );
  });

  it('splits a long answer over several messages, each within Discord limits', async () => {
    await h.close();
    h = await startHarness({
      briefing: (seeded) => ({ ...seeded.briefing, ask: async (q) => longAnswer(q) }),
    });
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    guildId = h.fake.state.guilds[0]?.id as string;
    const { payload, record } = ask('Tell me everything');
    await editOf(payload.token);
    await vi.waitFor(() => expect((record.followUps.at(-1) as Body | undefined)?.components).toHaveLength(1));
    const all = [record.original, ...record.followUps] as Body[];
    const fields = all.flatMap((m) => m.embeds ?? []).flatMap((e) => e.fields ?? []);
    expect(fields.map((f) => f.name.match(/^\[(\d+)\]/)?.[1])).toEqual(
      Array.from({ length: 40 }, (_, i) => String(i + 1)),
    );
    expect(all.at(-1)?.components?.[0]?.components).toHaveLength(2);
    expect(h.fake.requests.filter((r) => r.status === 400)).toEqual([]);
  });
});

function longAnswer(question: string): Answer {
  const citations = Array.from({ length: 40 }, (_, i) => ({
    n: i + 1,
    articleId: `a${i}`,
    title: `Article number ${i + 1} about the cloud deal`.padEnd(180, '.'),
    source: 'GeekWire',
    url: `https://example.com/${i}`,
    origin: `x/${i}`,
    publishedAt: '2025-11-03T12:00:00Z',
    quote: 'A long quoted sentence from the article that supports the answer. '.repeat(6),
  }));
  const text = Array.from(
    { length: 40 },
    (_, i) => `Sentence ${i + 1} says something long enough to matter here. [${i + 1}]`,
  ).join(' ');
  return {
    question,
    answer: text.repeat(3),
    abstained: false,
    mode: 'extractive',
    sentences: [],
    citations,
    disagreement: false,
    note: null,
  };
}
