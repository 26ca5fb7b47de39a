/**
 * End-to-end: streaming through the real discord.js client and the fake Discord. A model's partial
 * text shows as a paced draft (the deferred reply of `/brief ask`, or the reply to a mention), and the
 * verified answer, the fallback or the failure line replaces it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BriefError } from '../../core/errors.js';
import { jsonReply } from '../../llm/testing/fake-openai-server.js';
import {
  FABRICATED,
  longScriptedAnswer,
  modelBriefing,
  type SteppingClock,
  type StreamingModel,
  scriptedAnswer,
  startStreamingModel,
  steppingClock,
} from '../../test-support/model-briefing.js';
import { DRAFT_INTERVAL_MS } from './draft-reply.js';
import { DRAFT_MARK } from './render-draft.js';
import type { RecordedRequest } from './testing/fake-discord.js';
import { type GuildHarness, type GuildHarnessOptions, startGuildHarness } from './testing/guild-harness.js';
import { makeBriefInteraction } from './testing/interaction-payloads.js';

interface WireEmbed {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
}
interface Body {
  content?: string;
  embeds?: WireEmbed[];
  components?: unknown[];
  allowed_mentions?: { parse?: string[] };
}

const QUESTION = 'How big is the AWS deal?';
const bodyOf = (r: RecordedRequest) => r.body as Body;
const isDraft = (body: Body) => (body.content ?? '').startsWith(DRAFT_MARK);
const hasEmbeds = (body: Body) => (body.embeds ?? []).length > 0;

describe('discord streaming', () => {
  let h: GuildHarness;
  let model: StreamingModel | undefined;
  let clock: SteppingClock;
  let progress: string[];

  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    await h.close();
    await model?.close();
    model = undefined;
  });

  /** The bot in a guild, its core answering through the fake model (10 ms between stream events). */
  async function startWithModel(options: GuildHarnessOptions = {}, stepMs = 100): Promise<StreamingModel> {
    model = await startStreamingModel(10);
    const started = model;
    progress = [];
    clock = steppingClock(stepMs);
    h = await startGuildHarness({
      clock,
      briefing: (seeded) => modelBriefing(seeded, started, progress),
      ...options,
    });
    return started;
  }

  function askByCommand() {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user: h.user,
      channel: h.channel,
      guildId: h.guild.id,
      subcommand: 'ask',
      options: { question: QUESTION },
    });
    const record = h.fake.sendInteraction(payload);
    const edits = () => h.fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    return { payload, record, edits };
  }

  /** Waits for the edit that carries the answer's embeds, or the failure line. */
  const lastEdit = (match: (r: RecordedRequest) => boolean) =>
    h.fake.waitForRequest((r) => r.method === 'PATCH' && match(r) && !isDraft(bodyOf(r)));

  /** Each source's quote, as the article has it (markdown escapes and quote marks removed). */
  function quotesOf(embeds: WireEmbed[]): string[] {
    return embeds
      .flatMap((e) => e.fields ?? [])
      .map((f) => /> “([\s\S]*)”$/.exec(f.value)?.[1] ?? '')
      .map((q) => q.replace(/\\(.)/g, '$1'));
  }

  it('/brief ask: edits the deferred reply into paced drafts, then into the verified answer only', async () => {
    (await startWithModel()).fake.onChat((r) => jsonReply(scriptedAnswer(r)));
    const before = clock.elapsedMs();
    const { payload, record, edits } = askByCommand();
    await lastEdit((r) => r.path.includes(payload.token));
    const elapsed = clock.elapsedMs() - before;

    const bodies = edits().map(bodyOf);
    const drafts = bodies.slice(0, -1);
    const final = bodies.at(-1) ?? {};
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(drafts.every((d) => isDraft(d) && !hasEmbeds(d))).toBe(true);
    expect(final).toMatchObject({ content: '', allowed_mentions: { parse: [] } });
    expect(hasEmbeds(final)).toBe(true);
    expect(drafts.some((d) => d.content?.includes('The deal is valued at $38'))).toBe(true);
    for (const d of drafts) expect(d.content).not.toMatch(/\[\d+\]|passage|quote|Sources/);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
    // Paced by the adapter itself: the core passed on every new word (interval 0).
    expect(drafts.length).toBeLessThan(progress.length);
    expect(drafts.length).toBeLessThanOrEqual(1 + Math.floor(elapsed / DRAFT_INTERVAL_MS));

    // The reply as it stands: the answer, with nothing left of the draft.
    const shown = record.original as Body;
    expect(shown.content).toBe('');
    const [answer, sources] = shown.embeds ?? [];
    expect(answer?.description).toMatch(
      /^The deal is valued at \$38 billion\. \[1\] OpenAI will use EC2 UltraServers built with Nvidia GPUs for training\. \[2\]$/,
    );
    expect(JSON.stringify(shown)).not.toContain(FABRICATED);
    expect(JSON.stringify(shown)).not.toMatch(/buy OpenAI|acquire OpenAI/);
    const markers = [...(answer?.description ?? '').matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
    const numbered = (sources?.fields ?? []).map((f) => /^\[(\d+)\]/.exec(f.name)?.[1]);
    expect(numbered).toEqual(markers);
    const articles = (await h.seeded.store.listArticles()).map((a) => a.text.replace(/\s+/g, ' '));
    const quotes = quotesOf(shown.embeds ?? []);
    expect(quotes).toHaveLength(2);
    for (const quote of quotes) expect(articles.some((a) => a.includes(quote))).toBe(true);
    const key = `discord:${h.guild.id}:${h.channel.id}:${payload.id}`;
    await vi.waitFor(async () => expect(await h.seeded.conversations.recentTurns(key, 5)).toHaveLength(1));
  });

  it('a mention: replies with a draft at the first partial text, edits it, then edits in the answer', async () => {
    (await startWithModel()).fake.onChat((r) => jsonReply(scriptedAnswer(r)));
    const question = h.say(h.channel.id, h.mention(QUESTION));
    const draft = await h.replyTo(question.id);
    expect(draft.content).toMatch(/^✍️/);
    const edit = (r: RecordedRequest) => r.path === `/channels/${h.channel.id}/messages/${draft.id}`;
    await lastEdit(edit);

    const edits = h.fake.requests.filter((r) => r.method === 'PATCH' && edit(r)).map(bodyOf);
    expect(edits.slice(0, -1).every(isDraft)).toBe(true);
    const posts = h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts.map(bodyOf).filter(hasEmbeds)).toEqual([]);
    expect(posts.length + edits.length - 1).toBeLessThan(progress.length);
    const shown = h.fake.state.messages.get(h.channel.id)?.get(draft.id) as Body;
    expect(shown.content).toBe('');
    expect(shown.embeds?.[0]?.description).toMatch(/^The deal is valued at \$38 billion\. \[1\]/);
    expect(JSON.stringify(shown)).not.toContain(FABRICATED);
    expect(h.fake.channelPosts(h.channel.id)).toHaveLength(1);
  });

  it('ends with the extractive answer, not a stale draft, when the model breaks off mid-answer', async () => {
    (await startWithModel()).fake.onChat((r) => {
      const whole = JSON.stringify(scriptedAnswer(r));
      return { content: whole.slice(0, whole.indexOf('Nvidia')), finishReason: 'length' };
    });
    const { payload, record, edits } = askByCommand();
    await lastEdit((r) => r.path.includes(payload.token));
    expect(edits().map(bodyOf).filter(isDraft).length).toBeGreaterThanOrEqual(1);
    const shown = record.original as Body;
    expect(shown.content).toBe('');
    expect(shown.embeds?.[0]?.description).toMatch(/\$38 billion.*\[1\]/s);
    expect(shown.embeds?.[0]?.footer?.text).toMatch(/could not be read/);
  });

  it.each([
    ['the deferred reply', 'command'],
    ['the reply to a mention', 'mention'],
  ] as const)('applies the final answer after a draft edit still in flight in %s', async (_name, how) => {
    // Drafts are whole verified sentences, a few per answer: a faster clock lets more than one show.
    (await startWithModel({}, 700)).fake.onChat((r) => jsonReply(longScriptedAnswer(r)));
    // The first draft edit takes a second to land: longer than the rest of the stream.
    h.fake.delay('PATCH', /^\/(webhooks\/\d+\/[^/]+|channels\/\d+)\/messages\/(@original|\d+)$/, 1_000);
    const answerOf = async (): Promise<Body> => {
      if (how === 'command') {
        const { payload, record } = askByCommand();
        await lastEdit((r) => r.path.includes(payload.token));
        return record.original as Body;
      }
      const draft = await h.replyTo(h.say(h.channel.id, h.mention(QUESTION)).id);
      await lastEdit((r) => r.path.endsWith(`/messages/${draft.id}`));
      return h.fake.state.messages.get(h.channel.id)?.get(draft.id) as Body;
    };
    const first = await answerOf();
    const editsOfFirst = h.fake.requests.filter((r) => r.method === 'PATCH');
    expect(editsOfFirst.map(bodyOf).filter(isDraft).length).toBeGreaterThanOrEqual(1);
    // A second answer, streamed from start to finish, gives any late draft of the first time to land.
    await answerOf();
    const [latest] = h.fake.requests
      .filter((r) => r.method === 'PATCH' && r.path === editsOfFirst[0]?.path)
      .slice(-1);
    expect(isDraft(bodyOf(latest as RecordedRequest))).toBe(false);
    expect(first.content).toBe('');
    expect(first.embeds?.[0]?.description).toMatch(/^The deal is valued at \$38 billion\. \[1\]/);
    expect(JSON.stringify(first)).not.toContain(FABRICATED);
  });

  it.each([
    ['/brief ask', 'command'],
    ['a mention', 'mention'],
  ] as const)('%s: the failure line replaces the draft when answering fails after it', async (_name, how) => {
    h = await startGuildHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        ask: async (_question, options) => {
          options?.onProgress?.('Partial words for @everyone about the deal');
          throw new BriefError('store', 'database is locked');
        },
      }),
    });
    let shown: Body;
    if (how === 'command') {
      const { payload, record, edits } = askByCommand();
      await lastEdit((r) => r.path.includes(payload.token));
      expect(edits().map(bodyOf).filter(isDraft)).toHaveLength(1);
      shown = record.original as Body;
    } else {
      const draft = await h.replyTo(h.say(h.channel.id, h.mention(QUESTION)).id);
      expect(draft.content).toMatch(/^✍️ .*Partial words/s);
      await lastEdit((r) => r.path.endsWith(`/messages/${draft.id}`));
      shown = h.fake.state.messages.get(h.channel.id)?.get(draft.id) as Body;
      expect(h.fake.channelPosts(h.channel.id)).toHaveLength(1);
    }
    expect(shown.content).toMatch(/^Sorry, something went wrong while answering/);
    expect(shown.embeds).toEqual([]);
  });

  it('without a model, answers a mention with one reply and no edits', async () => {
    h = await startGuildHarness();
    const reply = await h.replyTo(h.say(h.channel.id, h.mention(QUESTION)).id);
    expect(reply.embeds[0]?.description).toMatch(/\$38 billion.*\[1\]/s);
    await vi.waitFor(() =>
      expect(h.logger.entries.some((e) => e.message === 'discord answer ready')).toBe(true),
    );
    expect(h.fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });
});
