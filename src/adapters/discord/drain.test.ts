/**
 * @module adapters/discord/drain.test
 * Stopping the Discord bot (SIGTERM in `brief serve`, or a shard told to stop) through the real
 * discord.js client against the fake Discord: the interaction in flight is answered before the gateway
 * closes, and one the drain gives up on is told to run it again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../core/briefing.js';
import { RESTARTING_LINE } from './start-discord.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import type { WireChannel } from './testing/discord-payloads.js';
import { makeUser } from './testing/discord-payloads.js';
import { makeBriefInteraction } from './testing/interaction-payloads.js';

function gatedAsk(gate: Promise<void>) {
  return (seeded: { briefing: Briefing }): Briefing => ({
    ...seeded.briefing,
    ask: async (question, options) => {
      await gate;
      return seeded.briefing.ask(question, options);
    },
  });
}

describe('discord bot stop', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const ask = (harness: Harness, question: string) => {
    const guild = harness.fake.state.guilds[0];
    const channel = guild?.channels[0] as WireChannel;
    const payload = makeBriefInteraction({
      applicationId: harness.fake.state.applicationId,
      user: makeUser(),
      channel,
      guildId: guild?.id as string,
      subcommand: 'ask',
      options: { question },
    });
    harness.fake.sendInteraction(payload);
    return payload;
  };

  it('answers the interaction in flight before it disconnects', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = await startHarness({ briefing: gatedAsk(gate) });
    const { token } = ask(h, 'How big is the AWS deal?');
    await h.fake.waitForRequest((r) => r.path.endsWith(`${token}/callback`));
    let stoppedAt: number | undefined;
    const stopped = h.bot.stop().then(() => {
      stoppedAt = performance.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stoppedAt).toBeUndefined();
    release();
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token));
    expect(JSON.stringify(edit.body)).toMatch(/38 billion/);
    await stopped;
    expect(edit.at).toBeLessThan(stoppedAt ?? 0);
  });

  it('tells the person to run it again when the drain gives up on it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h = await startHarness({ briefing: gatedAsk(gate), extra: { drainTimeoutMs: 200 } });
    const { token } = ask(h, 'How big is the AWS deal?');
    await h.fake.waitForRequest((r) => r.path.endsWith(`${token}/callback`));
    await h.bot.stop();
    const told = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(token));
    expect((told.body as { content?: string }).content).toBe(RESTARTING_LINE);
    expect(h.logger.entries.some((e) => /abandoned by the shutdown drain/.test(e.message))).toBe(true);
    release();
  });
});
