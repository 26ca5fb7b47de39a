/**
 * End-to-end: `/brief search`, `sources`, `help`, outlet autocomplete and the Share button, through
 * the real discord.js client against the fake Discord and the seeded articles.
 */
import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('says plainly when nothing matches', async () => {
    const { payload } = run('search', { terms: 'zeppelin' });
    expect((await editOf(payload.token)).embeds?.[0]?.description).toMatch(/No article matches/);
  });

  it('shares an ephemeral lookup publicly when Share is clicked', async () => {
    const { payload, record } = run('sources');
    const body = await editOf(payload.token);
    expect(body.embeds?.[0]?.description).toMatch(/\*\*5\*\* articles/);
    const sharer = makeUser();
    const click = makeButtonClick({
      applicationId: h.fake.state.applicationId,
      user: sharer,
      channel,
      guildId,
      customId: 'brief:share',
      message: record.original as Record<string, unknown>,
    });
    h.fake.sendInteraction(click);
    const shared = await h.fake.waitForRequest((r) => r.path.endsWith(`${click.token}/callback`));
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
