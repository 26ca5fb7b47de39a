/**
 * End-to-end: `/brief search`, `sources`, `help`, outlet autocomplete and the Share button, through
 * the real discord.js client against the fake Discord and the seeded articles.
 */
import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../core/search-result.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { makeUser, type WireChannel } from './testing/discord-payloads.js';
import { makeBriefInteraction, makeButtonClick, type OptionValue } from './testing/interaction-payloads.js';

type Body = {
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label?: string }[] }[];
  choices?: { name: string; value: string }[];
};

describe('discord /brief lookups', () => {
  let h: Harness;
  let channel: WireChannel;
  let guildId: string;

  const run = (subcommand: string, options: Record<string, OptionValue> = {}, focused?: string) => {
    const payload = makeBriefInteraction({
      applicationId: h.fake.state.applicationId,
      user: makeUser(),
      channel,
      guildId,
      subcommand,
      options,
      ...(focused ? { focused } : {}),
    });
    return { payload, record: h.fake.sendInteraction(payload) };
  };
  const editOf = async (token: string) =>
    (await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token))).body as Body;
  /** A person clicks the Share button `customId` on `message`; resolves with the interaction's callback. */
  const clickShare = async (customId: string, message: Record<string, unknown>) => {
    const sharer = makeUser();
    const click = makeButtonClick({
      applicationId: h.fake.state.applicationId,
      user: sharer,
      channel,
      guildId,
      customId,
      message,
    });
    h.fake.sendInteraction(click);
    const shared = await h.fake.waitForRequest((r) => r.path.endsWith(`${click.token}/callback`));
    return { sharer, shared };
  };

  beforeEach(async () => {
    h = await startHarness();
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
  });
  afterEach(async () => {
    expect(h.fake.mentionViolations).toEqual([]);
    await h.close();
  });

  it('searches ephemerally, listing linked titles with outlets and dates, with a Share button', async () => {
    // All five seeds, so the outlets and dates below are there whatever their order.
    const { payload, record } = run('search', { terms: 'OpenAI AWS', limit: 5 });
    const body = await editOf(payload.token);
    expect(record.callbacks[0]).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const fields = body.embeds?.[0]?.fields ?? [];
    expect(fields).toHaveLength(5);
    expect(fields.map((f) => f.name)).toContainEqual(expect.stringMatching(/^\d\. GeekWire · date unknown$/));
    expect(body.components?.[0]?.components[0]).toMatchObject({
      custom_id: 'brief:share',
      label: 'Share in channel',
    });
  });

  it('narrows a search to the outlet picked by autocomplete', async () => {
    const suggest = run('search', { terms: 'deal', outlet: 'geek' }, 'outlet');
    const callback = await h.fake.waitForRequest((r) => r.path.endsWith(`${suggest.payload.token}/callback`));
    expect(callback.body.type).toBe(8);
    expect((callback.body.data as Body).choices).toEqual([
      { name: 'GeekWire (1 article)', value: 'GeekWire' },
    ]);

    const { payload } = run('search', { terms: 'deal', outlet: 'GeekWire' });
    const fields = (await editOf(payload.token)).embeds?.[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.name.includes('GeekWire'))).toBe(true);
  });

  it('spreads ten long results over messages Discord accepts, each with a Share button for its part', async () => {
    await h.close();
    // Tracking links and long titles: ten such results are well over 6,000 characters of embeds.
    const longResult = (n: number): SearchResult => ({
      articleId: `a${n}`,
      title: `Result ${n}: ${'a very long headline about cloud computing deals '.repeat(5)}`,
      source: 'GeekWire',
      url: `https://example.com/${n}/story?${'utm_source=newsletter&utm_campaign=x'.repeat(12)}`,
      origin: `seed-${n}`,
      publishedAt: '2025-11-03T00:00:00.000Z',
      snippet: 'OpenAI signed a seven-year, $38 billion agreement with AWS. '.repeat(4),
      score: 1,
    });
    h = await startHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        search: async (terms, limit = 10) => ({
          query: terms,
          results: Array.from({ length: limit }, (_, i) => longResult(i + 1)),
        }),
      }),
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    const { payload, record } = run('search', { terms: 'cloud deals', limit: 10 });
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    expect(edit.status).toBe(200);
    const followUp = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path.endsWith(`/${payload.token}`),
    );
    expect(followUp.status).toBe(200);
    const parts = [edit.body as Body, followUp.body as Body];
    const names = parts.flatMap((b) => b.embeds?.flatMap((e) => e.fields ?? []) ?? []).map((f) => f.name);
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}. GeekWire · 3 Nov 2025`));
    expect(parts[0]?.embeds?.[0]?.fields?.[0]?.value).toMatch(
      /^\[Result 1: .*\]\(https:\/\/example\.com\/1\/story\?/,
    );
    expect(parts.every((b) => b.flags === undefined || (b.flags & MessageFlags.Ephemeral) !== 0)).toBe(true);
    expect(parts.map((b) => b.components?.[0]?.components[0]?.label)).toEqual([
      'Share part 1 of 2 in channel',
      'Share part 2 of 2 in channel',
    ]);

    // Each part says, when shared, that it is one part of the result.
    const { sharer, shared } = await clickShare(
      parts[0]?.components?.[0]?.components[0]?.custom_id ?? '',
      record.original as Record<string, unknown>,
    );
    expect(shared.status).toBe(204);
    expect((shared.body.data as Body).content).toBe(`Shared by <@${sharer.id}> (part 1 of 2)`);
    expect((shared.body.data as Body).embeds).toEqual(parts[0]?.embeds);
  });

  it('finds an outlet’s articles even when other outlets fill the first fifty hits', async () => {
    await h.close();
    // 120 hits, best first; the three from "Rare Times" rank 61st to 63rd.
    const hits: SearchResult[] = Array.from({ length: 120 }, (_, i) => ({
      articleId: `a${i}`,
      title: `Story ${i}`,
      source: i >= 60 && i < 63 ? 'Rare Times' : 'Big Outlet',
      url: null,
      origin: `seed-${i}`,
      publishedAt: null,
      snippet: 'About the deal.',
      score: 120 - i,
    }));
    const depths: number[] = [];
    h = await startHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        search: async (terms, limit = 10) => {
          depths.push(limit);
          return { query: terms, results: hits.slice(0, limit) };
        },
      }),
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    const { payload } = run('search', { terms: 'deal', outlet: 'rare times', limit: 5 });
    const fields = (await editOf(payload.token)).embeds?.[0]?.fields ?? [];
    expect(fields.map((f) => f.value.split('\n')[0])).toEqual([
      '**Story 60**',
      '**Story 61**',
      '**Story 62**',
    ]);
    // Fewer than asked for match, and looking deeper finds no more articles: it stops there.
    expect(depths).toEqual([50, 200, 800]);
  });

  it('never offers an outlet without a name in autocomplete, which would make Discord refuse them all', async () => {
    await h.close();
    h = await startHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        sources: () => ({
          ...seeded.briefing.sources(),
          outlets: [
            { source: '', articles: 4 },
            { source: '  ', articles: 3 },
            { source: 'GeekWire', articles: 1 },
          ],
        }),
      }),
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    const suggest = run('search', { terms: 'deal', outlet: '' }, 'outlet');
    const callback = await h.fake.waitForRequest((r) => r.path.endsWith(`${suggest.payload.token}/callback`));
    expect(callback.status).toBe(204);
    expect((callback.body.data as Body).choices).toEqual([
      { name: 'GeekWire (1 article)', value: 'GeekWire' },
    ]);
  });

  it('says plainly when nothing matches', async () => {
    const { payload } = run('search', { terms: 'zeppelin' });
    expect((await editOf(payload.token)).embeds?.[0]?.description).toMatch(/No article matches/);
  });

  it('shares an ephemeral lookup publicly when Share is clicked', async () => {
    const { payload, record } = run('sources');
    const body = await editOf(payload.token);
    expect(body.embeds?.[0]?.description).toMatch(/\*\*5\*\* articles/);
    const { sharer, shared } = await clickShare('brief:share', record.original as Record<string, unknown>);
    const data = shared.body.data as Body;
    expect(shared.body.type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    expect(data.content).toBe(`Shared by <@${sharer.id}>`);
    expect(data.embeds?.[0]?.description).toBe(body.embeds?.[0]?.description);
  });

  it('lists every subcommand in help, including ones added later', async () => {
    await h.close();
    h = await startHarness({
      extra: {
        subcommands: [
          {
            name: 'digest',
            description: 'Today’s briefing',
            options: [{ type: ApplicationCommandOptionType.String, name: 'topic', description: 'A topic' }],
            visibility: 'public',
            run: async () => ({ messages: [{ content: 'Digest for today' }] }),
          },
        ],
      },
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    const help = await editOf(run('help').payload.token);
    expect(help.embeds?.[0]?.description).toMatch(/`\/brief ask question:`/);
    expect(help.embeds?.[0]?.description).toMatch(/`\/brief digest \[topic:\]` Today’s briefing/);
    const digest = await editOf(run('digest').payload.token);
    expect(digest.content).toBe('Digest for today');
  });

  it('tells the person when a subcommand fails, and logs the code and cause', async () => {
    await h.close();
    h = await startHarness({
      briefing: (seeded) => ({
        ...seeded.briefing,
        sources: () => {
          throw new Error('database is locked');
        },
      }),
    });
    guildId = h.fake.state.guilds[0]?.id as string;
    channel = h.fake.state.guilds[0]?.channels[0] as WireChannel;
    const body = await editOf(run('sources').payload.token);
    expect(body.content).toMatch(/^Sorry, something went wrong/);
    const logged = h.logger.entries.find((e) => e.level === 'error');
    expect(logged?.fields).toMatchObject({
      code: 'internal',
      cause: expect.objectContaining({ message: 'database is locked' }),
    });
  });
});
