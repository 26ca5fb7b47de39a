import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { createSqliteSubscriptionStore } from '../../store/sqlite/sqlite-subscription-store.js';
import { ensureConfiguredSubscriptions } from './configured-subscriptions.js';

const NOW = new Date('2026-03-02T06:00:00.000Z');

describe('ensureConfiguredSubscriptions', () => {
  it('adds configured channels once and leaves unchanged ones alone across restarts', async () => {
    const store = createSqliteSubscriptionStore(openSqliteDatabase(':memory:'));
    const configured = {
      channels: ['slack:C1', 'discord:123'],
      cron: '0 8 * * *',
      timezone: 'Europe/Berlin',
    };
    expect(await ensureConfiguredSubscriptions(store, configured, NOW)).toBe(2);
    const [first] = await store.listByChannel('slack', 'C1');
    expect(first?.schedule).toMatchObject({ cron: '0 8 * * *', timezone: 'Europe/Berlin' });
    expect(await ensureConfiguredSubscriptions(store, configured, new Date('2026-03-03T06:00:00.000Z'))).toBe(
      0,
    );
    expect((await store.listByChannel('slack', 'C1'))[0]?.createdAt).toBe(first?.createdAt);
    expect(await ensureConfiguredSubscriptions(store, { ...configured, cron: '30 7 * * 1-5' }, NOW)).toBe(2);
  });

  it('reports a bad DIGEST_CRON by name', async () => {
    const store = createSqliteSubscriptionStore(openSqliteDatabase(':memory:'));
    await expect(
      ensureConfiguredSubscriptions(
        store,
        { channels: ['slack:C1'], cron: '99 * * * *', timezone: 'UTC' },
        NOW,
      ),
    ).rejects.toThrow(/DIGEST_CRON is not usable/);
  });
});
