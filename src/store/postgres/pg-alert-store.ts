/**
 * @module store/postgres/pg-alert-store
 * Story alerts and their story ledger on PostgreSQL (migration 7), the same statements as SQLite's
 * (store/sqlite/sqlite-alert-store.ts). Opening a story inserts its articles with ON CONFLICT DO
 * NOTHING and rolls back unless all went in (a concurrent insert of the same article waits for the
 * other transaction, then conflicts); the claim is one UPDATE that READ COMMITTED re-checks; the daily
 * cap is counted under a transaction-scoped advisory lock on the channel.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { AlertStore, AlertStoryRecord } from '../../core/alerts/alert-ports.js';
import {
  type AlertArticleRow,
  type AlertRow,
  type AlertStoryRow,
  dueStory,
  toAlert,
  toAlertStory,
} from '../alert-rows.js';
import { topicKey } from '../topic-key.js';
import { inPoolTransaction } from './pg-migrations.js';

/** Thrown inside a transaction to roll it back and answer false. */
class Refused extends Error {}

export function createPgAlertStore(pool: Pool): AlertStore {
  const inTransaction = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    inPoolTransaction(pool, work);
  const refusedAs =
    <T>(value: T) =>
    (error: unknown) => {
      if (error instanceof Refused) return value;
      throw error;
    };
  const storyOn = async (db: Pool | PoolClient, alertId: string, key: string) => {
    const { rows } = await db.query<AlertStoryRow>(
      'SELECT * FROM alert_stories WHERE alert_id = $1 AND story_key = $2',
      [alertId, key],
    );
    if (!rows[0]) return null;
    const articles = await db.query<AlertArticleRow>(
      'SELECT article_id, sent FROM alert_story_articles WHERE alert_id = $1 AND story_key = $2 ORDER BY seq',
      [alertId, key],
    );
    return toAlertStory(rows[0], articles.rows);
  };
  const byKey = async (db: Pool | PoolClient, platform: string, channelId: string, key: string) =>
    (
      await db.query<AlertRow>(
        'SELECT * FROM alerts WHERE platform = $1 AND channel_id = $2 AND topic_key = $3',
        [platform, channelId, key],
      )
    ).rows[0];
  const release = (
    client: PoolClient,
    alertId: string,
    key: string,
    owner: string,
    v: {
      status: string;
      messageId?: string;
      postedAt?: string;
      attempts: number;
      lastError?: string;
      notBefore?: string | null;
    },
  ) =>
    client.query(
      `UPDATE alert_stories SET status = $4, message_id = coalesce($5, message_id),
         posted_at = coalesce($6, posted_at), attempts = $7, last_error = $8, not_before = $9,
         owner = NULL, lease_until = NULL
       WHERE alert_id = $1 AND story_key = $2 AND owner = $3`,
      [
        alertId,
        key,
        owner,
        v.status,
        v.messageId ?? null,
        v.postedAt ?? null,
        v.attempts,
        v.lastError ?? null,
        v.notBefore ?? null,
      ],
    );

  return {
    add: (draft, now) =>
      inTransaction(async (client) => {
        const key = topicKey(draft.topic);
        const existing = await byKey(client, draft.platform, draft.channelId, key);
        await client.query(
          `INSERT INTO alerts (id, platform, workspace_id, channel_id, topic, topic_key, quiet_from, quiet_to,
             timezone, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (platform, channel_id, topic_key) DO UPDATE SET quiet_from = excluded.quiet_from,
             quiet_to = excluded.quiet_to, timezone = excluded.timezone,
             workspace_id = coalesce(excluded.workspace_id, alerts.workspace_id)`,
          [
            existing?.id ?? `alert_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
            draft.platform,
            draft.workspaceId,
            draft.channelId,
            draft.topic,
            key,
            draft.quiet?.from ?? null,
            draft.quiet?.to ?? null,
            draft.timezone,
            draft.createdBy,
            now,
          ],
        );
        const row = (await byKey(client, draft.platform, draft.channelId, key)) as AlertRow;
        return { alert: toAlert(row), created: !existing };
      }),
    async remove(filter) {
      if ('id' in filter)
        return (await pool.query('DELETE FROM alerts WHERE id = $1', [filter.id])).rowCount ?? 0;
      const { rowCount } = await pool.query(
        `DELETE FROM alerts WHERE topic_key = $1 AND ($2::text IS NULL OR platform = $2)
           AND ($3::text IS NULL OR channel_id = $3)`,
        [topicKey(filter.topic), filter.platform ?? null, filter.channelId ?? null],
      );
      return rowCount ?? 0;
    },
    async list() {
      const { rows } = await pool.query<AlertRow>('SELECT * FROM alerts ORDER BY created_at, id');
      return rows.map(toAlert);
    },
    async listByChannel(platform, channelId) {
      const { rows } = await pool.query<AlertRow>(
        'SELECT * FROM alerts WHERE platform = $1 AND channel_id = $2 ORDER BY created_at, id',
        [platform, channelId],
      );
      return rows.map(toAlert);
    },
    async storiesOf(alertId, ids) {
      const { rows } = await pool.query<{ article_id: string; story_key: string }>(
        'SELECT article_id, story_key FROM alert_story_articles WHERE alert_id = $1 AND article_id = ANY($2::text[])',
        [alertId, [...ids]],
      );
      return new Map(rows.map((r) => [r.article_id, r.story_key]));
    },
    openStory: (alertId, key, ids, now) =>
      inTransaction(async (client) => {
        const story = await client.query(
          `INSERT INTO alert_stories (alert_id, story_key, status, created_at) VALUES ($1, $2, 'pending', $3)
           ON CONFLICT DO NOTHING`,
          [alertId, key, now],
        );
        if (story.rowCount === 0) throw new Refused();
        const inserted = await client.query(
          `INSERT INTO alert_story_articles (alert_id, article_id, story_key, added_at)
           SELECT $1, id, $2, $4 FROM unnest($3::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n
           ON CONFLICT DO NOTHING`,
          [alertId, key, [...ids], now],
        );
        if ((inserted.rowCount ?? 0) < new Set(ids).size) throw new Refused();
        return true;
      }).catch(refusedAs(false)),
    async addSources(alertId, key, ids, now) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<{ article_id: string }>(
        `INSERT INTO alert_story_articles (alert_id, article_id, story_key, added_at)
         SELECT $1, id, $2, $4 FROM unnest($3::text[]) WITH ORDINALITY AS t(id, n)
           WHERE EXISTS (SELECT 1 FROM alert_stories WHERE alert_id = $1 AND story_key = $2) ORDER BY n
         ON CONFLICT DO NOTHING RETURNING article_id`,
        [alertId, key, [...ids], now],
      );
      const added = new Set(rows.map((r) => r.article_id));
      return ids.filter((id) => added.has(id));
    },
    async dueStories(alertId, now) {
      const { rows } = await pool.query<AlertStoryRow>(
        `SELECT s.* FROM alert_stories s WHERE s.alert_id = $1 AND ${dueStory('$2', 'false')}
         ORDER BY s.created_at, s.story_key`,
        [alertId, now],
      );
      return Promise.all(
        rows.map(async (r) => (await storyOn(pool, r.alert_id, r.story_key)) ?? toAlertStory(r, [])),
      );
    },
    async claimStory(alertId, key, owner, leaseMs, now) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rowCount } = await pool.query(
        `UPDATE alert_stories AS s SET owner = $3, lease_until = $4, attempts = s.attempts + 1
         WHERE s.alert_id = $1 AND s.story_key = $2 AND ${dueStory('$5', 'false')}`,
        [alertId, key, owner, until, now],
      );
      return rowCount ? storyOn(pool, alertId, key) : null;
    },
    async renewStory(alertId, key, owner, leaseMs, now) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rowCount } = await pool.query(
        'UPDATE alert_stories SET lease_until = $4 WHERE alert_id = $1 AND story_key = $2 AND owner = $3',
        [alertId, key, owner, until],
      );
      return (rowCount ?? 0) > 0;
    },
    reserveDay: (alertId, key, owner, day, cap) =>
      inTransaction(async (client) => {
        const { rows } = await client.query<{
          posted_day: string | null;
          platform: string;
          channel_id: string;
        }>(
          `SELECT s.posted_day, a.platform, a.channel_id FROM alert_stories s JOIN alerts a ON a.id = s.alert_id
           WHERE s.alert_id = $1 AND s.story_key = $2 AND s.owner = $3`,
          [alertId, key, owner],
        );
        const row = rows[0];
        if (!row) return false;
        if (row.posted_day !== null) return true;
        // One counter per channel at a time: READ COMMITTED alone would let two stories take the last slot.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `alerts:${row.platform}:${row.channel_id}`,
        ]);
        const count = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM alert_stories s JOIN alerts a ON a.id = s.alert_id
           WHERE a.platform = $1 AND a.channel_id = $2 AND s.posted_day = $3`,
          [row.platform, row.channel_id, day],
        );
        if ((count.rows[0]?.n ?? 0) >= cap) return false;
        await client.query(
          'UPDATE alert_stories SET posted_day = $3 WHERE alert_id = $1 AND story_key = $2',
          [alertId, key, day],
        );
        return true;
      }),
    recordStory: (alertId, key, owner, r: AlertStoryRecord, now) =>
      inTransaction(async (client) => {
        const { rows } = await client.query<AlertStoryRow>(
          'SELECT * FROM alert_stories WHERE alert_id = $1 AND story_key = $2 AND owner = $3 FOR UPDATE',
          [alertId, key, owner],
        );
        const row = rows[0];
        if (!row) return false;
        let sent: string[] = [];
        switch (r.kind) {
          case 'posted':
            await release(client, alertId, key, owner, {
              status: 'posted',
              messageId: r.messageId,
              postedAt: now,
              attempts: 0,
            });
            sent = r.sentArticleIds;
            break;
          case 'sources-sent':
            await release(client, alertId, key, owner, { status: row.status, attempts: 0 });
            sent = r.sentArticleIds;
            break;
          case 'held':
            await release(client, alertId, key, owner, { status: 'held', attempts: 0, notBefore: r.until });
            break;
          case 'skipped':
            await release(client, alertId, key, owner, {
              status: 'skipped',
              attempts: 0,
              lastError: r.reason,
            });
            break;
          case 'failed': {
            const givenUp = r.retryAt === null;
            const status = givenUp ? (row.status === 'posted' ? 'posted' : 'failed') : row.status;
            await release(client, alertId, key, owner, {
              status,
              attempts: givenUp ? 0 : Number(row.attempts),
              lastError: r.error,
              notBefore: r.retryAt,
            });
            if (givenUp) sent = r.articleIds;
            break;
          }
        }
        if (sent.length > 0)
          await client.query(
            'UPDATE alert_story_articles SET sent = true WHERE alert_id = $1 AND story_key = $2 AND article_id = ANY($3::text[])',
            [alertId, key, sent],
          );
        return true;
      }),
  };
}
