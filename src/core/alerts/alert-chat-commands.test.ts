import { describe, expect, it } from 'vitest';
import { createSqliteAlertStore } from '../../store/sqlite/sqlite-alert-store.js';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { fixedClock } from '../../test-support/seeded-briefing.js';
import { BadRequestError } from '../errors.js';
import { type AlertChatContext, createAlertChatCommands, parseAlertArgs } from './alert-chat-commands.js';
import { createAlertService } from './alert-service.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('parseAlertArgs', () => {
  it('reads a topic with quiet hours and a zone anywhere, list, and remove', () => {
    expect(parseAlertArgs('AI chips quiet 22:00-07:00 tz Europe/Berlin')).toEqual({
      action: 'add',
      topic: 'AI chips',
      quiet: '22:00-07:00',
      timezone: 'Europe/Berlin',
    });
    expect(parseAlertArgs('add tz Asia/Tokyo Nexperia')).toEqual({
      action: 'add',
      topic: 'Nexperia',
      quiet: null,
      timezone: 'Asia/Tokyo',
    });
    expect(parseAlertArgs('add list')).toMatchObject({ action: 'add', topic: 'list' });
    expect(parseAlertArgs('LIST')).toEqual({ action: 'list' });
    expect(parseAlertArgs('remove  AI   chips')).toEqual({ action: 'remove', topic: 'AI chips' });
  });

  it('keeps "quiet" in a topic when no time follows it', () => {
    expect(parseAlertArgs('quiet quitting')).toMatchObject({ topic: 'quiet quitting', quiet: null });
  });

  it('refuses an empty topic, a bare remove, words after list and tz without a zone', () => {
    expect(refusal(() => parseAlertArgs(''))).toMatch(/Say what to watch for/);
    expect(refusal(() => parseAlertArgs('quiet 22-7'))).toMatch(/Say what to watch for/);
    expect(refusal(() => parseAlertArgs('remove'))).toMatch(/Say which alert to remove/);
    expect(refusal(() => parseAlertArgs('list chips'))).toMatch(/takes no words/);
    expect(refusal(() => parseAlertArgs('chips tz'))).toMatch(/Say which time zone/);
  });
});

describe('createAlertChatCommands', () => {
  const setUp = (who: 'anyone' | 'admins') => {
    const alerts = createSqliteAlertStore(openSqliteDatabase(':memory:'));
    const service = createAlertService({
      alerts,
      clock: fixedClock('2026-05-04T08:00:00Z'),
      defaultTimezone: 'UTC',
    });
    return { alerts, commands: createAlertChatCommands({ service, who, maxPerDay: 10 }) };
  };
  const ctx = (over: Partial<AlertChatContext> = {}): AlertChatContext => ({
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    userId: 'U1',
    isAdmin: false,
    ...over,
  });

  it("adds an alert to the channel it was asked in, lists and removes that channel's own", async () => {
    const { alerts, commands } = setUp('anyone');
    const run = (args: string, over?: Partial<AlertChatContext>) =>
      commands.run(parseAlertArgs(args), ctx(over));
    expect(await run('AI chips quiet 22:00-07:00 tz America/New_York')).toMatch(
      /^I'll post each new story about "AI chips" here once.*At most 10 new stories a day\. Nothing is posted in the quiet hours \(22:00-07:00 America\/New_York\)/,
    );
    expect(await run('ai chips')).toBe('Updated the alert on "AI chips" here: no quiet hours.');
    await run('AI chips', { channelId: 'C2' });
    expect(await run('list')).toBe('Alerts in this channel:\n• "AI chips"');
    expect(await run('list', { channelId: 'C3' })).toMatch(/^No alerts in this channel/);
    expect(await run('remove AI chips')).toMatch(/^Removed the alert on "AI chips"/);
    expect(await run('remove AI chips')).toMatch(/^There is no alert on "AI chips" in this channel/);
    expect((await alerts.list()).map((a) => [a.channelId, a.createdBy, a.workspaceId])).toEqual([
      ['C2', 'U1', 'T1'],
    ]);
  });

  it('lets only admins change alerts with DIGEST_SUBSCRIBERS=admins; anyone lists them', async () => {
    const { alerts, commands } = setUp('admins');
    expect(await commands.run(parseAlertArgs('chips'), ctx())).toMatch(
      /^Only workspace admins may change the alerts/,
    );
    expect(await commands.run(parseAlertArgs('chips'), ctx({ platform: 'discord' }))).toMatch(
      /^Only members who can manage this server/,
    );
    expect(await commands.run(parseAlertArgs('list'), ctx())).toMatch(/^No alerts/);
    expect(await alerts.list()).toEqual([]);
    await commands.run(parseAlertArgs('chips'), ctx({ isAdmin: true }));
    expect(await commands.run(parseAlertArgs('remove chips'), ctx())).toMatch(/^Only workspace admins/);
    expect(await alerts.list()).toHaveLength(1);
  });

  it('refuses a bad zone or quiet hours with the reason, storing nothing', async () => {
    const { alerts, commands } = setUp('anyone');
    await expect(commands.run(parseAlertArgs('chips tz Mars/Olympus'), ctx())).rejects.toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
    await expect(commands.run(parseAlertArgs('chips quiet 9-9'), ctx())).rejects.toThrow(
      /start and end at once/,
    );
    expect(await alerts.list()).toEqual([]);
  });
});
