/**
 * End-to-end: two Discord bots (two shard processes, or two bots) on one chat state, here two
 * connections to one SQLite file, count one per-person rate limit: a person over the limit on one is
 * refused on the other, before anything is deferred or asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { createSqliteChatState } from '../../store/sqlite/sqlite-chat-state.js';
import { type Harness, startHarness } from './testing/bot-harness.js';
import { makeUser } from './testing/discord-payloads.js';
import { makeBriefInteraction } from './testing/interaction-payloads.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot whose chat state is its own connection to the shared file. */
async function startBot(file: string): Promise<Harness> {
  const db = openSqliteDatabase(file);
  cleanups.push(() => {
    db.close();
  });
  const h = await startHarness({
    config: { BRIEF_RATE_LIMIT_PER_MINUTE: 1 },
    extra: { chatState: createSqliteChatState(db) },
  });
  cleanups.push(() => h.close());
  return h;
}

function ask(h: Harness, user: ReturnType<typeof makeUser>) {
  const guild = h.fake.state.guilds[0];
  const channel = guild?.channels[0];
  if (!guild || !channel) throw new Error('fake guild without channel');
  const payload = makeBriefInteraction({
    applicationId: h.fake.state.applicationId,
    user,
    channel,
    guildId: guild.id,
    subcommand: 'ask',
    options: { question: 'How big is the AWS deal?' },
  });
  h.fake.sendInteraction(payload);
  return {
    callback: () => h.fake.waitForRequest((r) => r.path.endsWith(`${payload.token}/callback`)),
    edit: () => h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token)),
  };
}

describe('discord rate limit on a shared chat state', () => {
  it('refuses on one bot a person who used up the limit on the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-discord-limit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'briefbot.sqlite');
    const a = await startBot(file);
    const b = await startBot(file);
    const user = makeUser();

    await ask(a, user).edit();
    expect(a.briefing.asked).toHaveLength(1);

    const refused = (await ask(b, user).callback()).body as {
      type: number;
      data: { flags?: number; content?: string };
    };
    expect(refused.type).toBe(4); // answered at once, not deferred
    expect(refused.data.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.data.content).toMatch(/asking faster than I can keep up with: please wait \d+ s/);
    expect(b.briefing.asked).toHaveLength(0);

    // Someone else is still answered on the other bot.
    const other = await ask(b, makeUser()).edit();
    expect((other.body as { embeds?: unknown[] }).embeds?.length).toBeGreaterThan(0);
    expect(b.briefing.asked).toHaveLength(1);
  });
});
