import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { createSqliteSubscriptionStore } from '../../store/sqlite/sqlite-subscription-store.js';
import { BadRequestError } from '../errors.js';
import {
  type CommandContext,
  createSubscriptionCommands,
  SUBSCRIBE_HELP,
  type SubscribersPolicy,
} from './subscribe-command.js';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function setup(who: SubscribersPolicy = 'anyone') {
  const db = openSqliteDatabase(':memory:');
  dbs.push(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  return {
    subscriptions,
    commands: createSubscriptionCommands({ subscriptions, defaultTimezone: 'Europe/Berlin', who }),
  };
}

function makeContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    userId: 'U1',
    isAdmin: false,
    now: new Date('2026-11-23T12:00:00Z'),
    ...overrides,
  };
}

describe('createSubscriptionCommands', () => {
  it('subscribes the channel with the default zone and says when the first digest comes', async () => {
    const { commands, subscriptions } = setup();
    const reply = await commands.subscribe('', makeContext());
    expect(reply).toMatchObject({ kind: 'subscribed', created: true });
    expect(reply.text).toBe(
      'Subscribed: this channel gets a digest of all news daily at 08:00 Europe/Berlin (next: Tue 24 Nov 08:00).',
    );
    expect(await subscriptions.listByChannel('slack', 'C1')).toMatchObject([
      { workspaceId: 'T1', createdBy: 'U1', schedule: { cron: '0 8 * * *', timezone: 'Europe/Berlin' } },
    ]);
  });

  it('updates the same channel and topic instead of adding a second digest', async () => {
    const { commands, subscriptions } = setup();
    await commands.subscribe('topic AI', makeContext());
    const reply = await commands.subscribe(
      'weekdays 07:30 tz America/New_York topic ai quiet',
      makeContext(),
    );
    expect(reply.text).toBe(
      'Updated: this channel now gets a digest about "ai" weekdays at 07:30 America/New_York (next: Mon 23 Nov 07:30). Quiet when nothing is new.',
    );
    expect(await subscriptions.listAll()).toHaveLength(1);
  });

  it('lets bad input through as a BadRequestError with an example', async () => {
    const { commands } = setup();
    await expect(commands.subscribe('daily 08:00 tz Mars/Base', makeContext())).rejects.toThrow(
      BadRequestError,
    );
    await expect(commands.subscribe('cron "*/5 * * * *"', makeContext())).rejects.toThrow(
      /at most every 15 minutes/,
    );
  });

  it('refuses non-admins kindly when only admins may subscribe, but lets them list', async () => {
    const { commands, subscriptions } = setup('admins');
    const refused = await commands.subscribe('daily 08:00', makeContext());
    expect(refused).toMatchObject({
      kind: 'refused',
      text: expect.stringContaining('Only workspace admins'),
    });
    expect(await commands.unsubscribe('', makeContext())).toMatchObject({ kind: 'refused' });
    expect(await subscriptions.listAll()).toEqual([]);
    expect(await commands.subscribe('daily 08:00', makeContext({ isAdmin: true }))).toMatchObject({
      kind: 'subscribed',
    });
    expect(await commands.listSubscriptions(makeContext())).toMatchObject({
      kind: 'list',
      subscriptions: [expect.anything()],
    });
  });

  it('lists the channel digests with their next run, and only that channel', async () => {
    const { commands } = setup();
    await commands.subscribe('daily 08:00', makeContext());
    await commands.subscribe('cron "0 18 * * 5" tz UTC topic climate quiet', makeContext());
    await commands.subscribe('daily 09:00', makeContext({ channelId: 'C2' }));
    const reply = await commands.listSubscriptions(makeContext());
    expect(reply.text).toBe(
      [
        'This channel gets 2 digests:',
        '• a digest of all news: daily at 08:00 Europe/Berlin (next: Tue 24 Nov 08:00)',
        '• a digest about "climate": cron "0 18 * * 5" UTC (next: Fri 27 Nov 18:00) Quiet when nothing is new.',
      ].join('\n'),
    );
    expect(reply).toMatchObject({
      subscriptions: [{ nextRunAt: '2026-11-24T07:00:00.000Z' }, expect.anything()],
    });
  });

  it('unsubscribes one topic, or all, and says when there was nothing to stop', async () => {
    const { commands } = setup();
    await commands.subscribe('topic AI chips', makeContext());
    await commands.subscribe('topic climate', makeContext());
    await commands.subscribe('', makeContext());
    expect((await commands.unsubscribe('topic ai chips', makeContext())).text).toBe(
      'Stopped the digest about "ai chips" in this channel.',
    );
    expect((await commands.unsubscribe('sports', makeContext())).text).toMatch(
      /^This channel has no digest about "sports"\. This channel gets 2 digests:/,
    );
    expect(await commands.unsubscribe('', makeContext())).toMatchObject({
      removed: 2,
      text: 'Stopped all 2 digests in this channel.',
    });
    expect((await commands.unsubscribe('all', makeContext())).text).toBe('This channel has no digests.');
  });

  it('has help with examples that parse', async () => {
    const { commands } = setup();
    const examples = [...SUBSCRIBE_HELP.matchAll(/`\/brief subscribe ?([^`]*)`/g)].map((m) => m[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) {
      expect(await commands.subscribe(example, makeContext())).toMatchObject({ kind: 'subscribed' });
    }
  });
});
