/**
 * @module store/postgres/pg-subscription-store
 * Digest subscriptions and the run ledger on PostgreSQL. Exactly-once claiming rests on the same two
 * atomic statements as SQLite's (see store/sqlite/sqlite-subscription-store.ts): an INSERT ... ON
 * CONFLICT DO NOTHING that one inserter wins, and an UPDATE whose WHERE PostgreSQL re-checks after a
 * concurrent update commits (READ COMMITTED), so one re-taker wins. Both are single statements outside
 * any session state, so they hold through a transaction-mode pooler (PgBouncer) too.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type {
  DigestRun,
  DigestRunStatus,
  DigestRunStore,
  SubscriptionStore,
} from '../../core/digest/digest-ports.js';
import type { Platform, Subscription } from '../../core/digest/subscription.js';
import { topicKey } from '../topic-key.js';

interface SubscriptionRow {
  id: string;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  topic: string | null;
  schedule_label: string;
  schedule_cron: string;
  schedule_timezone: string;
  quiet_when_empty: boolean;
  created_by: string;
  created_at: string;
}

interface RunRow {
  subscription_id: string;
  scheduled_for: string;
  status: DigestRunStatus;
  owner: string | null;
  lease_until: string;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

const SUBSCRIPTION_COLUMNS = `id, platform, workspace_id, channel_id, topic, schedule_label, schedule_cron,
  schedule_timezone, quiet_when_empty, created_by, created_at`;
const RUN_COLUMNS = `subscription_id, scheduled_for, status, owner, lease_until, attempts, last_error, updated_at`;

export function createPgSubscriptionStore(pool: Pool): SubscriptionStore {
  return {
    async upsert(draft, now) {
      // One statement: two processes subscribing the same channel and topic end with one row.
      const { rows } = await pool.query<SubscriptionRow & { created: boolean }>(
        `INSERT INTO digest_subscriptions (id, platform, workspace_id, channel_id, topic, topic_key,
           schedule_label, schedule_cron, schedule_timezone, quiet_when_empty, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (platform, channel_id, topic_key) DO UPDATE SET workspace_id = excluded.workspace_id,
           topic = excluded.topic, schedule_label = excluded.schedule_label,
           schedule_cron = excluded.schedule_cron, schedule_timezone = excluded.schedule_timezone,
           quiet_when_empty = excluded.quiet_when_empty, created_by = excluded.created_by,
           created_at = excluded.created_at
         RETURNING ${SUBSCRIPTION_COLUMNS}, (xmax = 0) AS created`,
        [
          `sub_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
          draft.platform,
          draft.workspaceId,
          draft.channelId,
          draft.topic,
          topicKey(draft.topic),
          draft.schedule.label,
          draft.schedule.cron,
          draft.schedule.timezone,
          draft.quietWhenEmpty,
          draft.createdBy,
          now,
        ],
      );
      const row = rows[0] as SubscriptionRow & { created: boolean };
      return { subscription: toSubscription(row), created: row.created };
    },
    async remove({ platform, channelId, topic }) {
      const result =
        topic === undefined
          ? await pool.query('DELETE FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2', [
              platform,
              channelId,
            ])
          : await pool.query(
              'DELETE FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2 AND topic_key = $3',
              [platform, channelId, topicKey(topic)],
            );
      return result.rowCount ?? 0;
    },
    async listByChannel(platform, channelId) {
      const { rows } = await pool.query<SubscriptionRow>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2
         ORDER BY seq`,
        [platform, channelId],
      );
      return rows.map(toSubscription);
    },
    async listAll() {
      const { rows } = await pool.query<SubscriptionRow>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM digest_subscriptions ORDER BY seq`,
      );
      return rows.map(toSubscription);
    },
    async get(id) {
      const { rows } = await pool.query<SubscriptionRow>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM digest_subscriptions WHERE id = $1`,
        [id],
      );
      return rows[0] ? toSubscription(rows[0]) : null;
    },
  };
}

export function createPgDigestRunStore(pool: Pool): DigestRunStore {
  const finish = async (
    status: DigestRunStatus,
    args: { id: string; slot: string; owner: string; leaseUntil: string; error: string | null; now: string },
  ) =>
    (
      await pool.query(
        `UPDATE digest_runs SET status = $1, owner = CASE WHEN $1 = 'retrying' THEN NULL ELSE owner END,
           lease_until = $2, last_error = $3, updated_at = $4
         WHERE subscription_id = $5 AND scheduled_for = $6 AND owner = $7 AND status = 'running'`,
        [status, args.leaseUntil, args.error, args.now, args.id, args.slot, args.owner],
      )
    ).rowCount === 1;
  return {
    async claim(id, slot, owner, leaseMs, now) {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      const inserted = await pool.query(
        `INSERT INTO digest_runs (subscription_id, scheduled_for, status, owner, lease_until, attempts, updated_at)
         VALUES ($1, $2, 'running', $3, $4, 1, $5) ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`,
        [id, slot, owner, leaseUntil, now],
      );
      if (inserted.rowCount === 1) return true;
      const retaken = await pool.query(
        `UPDATE digest_runs SET status = 'running', owner = $1, lease_until = $2, attempts = attempts + 1,
           updated_at = $3
         WHERE subscription_id = $4 AND scheduled_for = $5 AND status IN ('running', 'retrying')
           AND lease_until <= $3`,
        [owner, leaseUntil, now, id, slot],
      );
      return retaken.rowCount === 1;
    },
    async renew(id, slot, owner, leaseMs, now) {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rowCount } = await pool.query(
        `UPDATE digest_runs SET lease_until = $1, updated_at = $2
         WHERE subscription_id = $3 AND scheduled_for = $4 AND owner = $5 AND status = 'running'`,
        [leaseUntil, now, id, slot, owner],
      );
      return rowCount === 1;
    },
    markSent: (id, slot, owner, now) =>
      finish('sent', { id, slot, owner, leaseUntil: now, error: null, now }),
    markFailed: (id, slot, owner, error, nextAttemptAt, now) =>
      finish(nextAttemptAt ? 'retrying' : 'failed', {
        id,
        slot,
        owner,
        leaseUntil: nextAttemptAt ?? now,
        error,
        now,
      }),
    async markSkipped(id, slot, reason, now) {
      const { rowCount } = await pool.query(
        `INSERT INTO digest_runs (subscription_id, scheduled_for, status, owner, lease_until, attempts,
           last_error, updated_at)
         VALUES ($1, $2, 'skipped', NULL, $3, 0, $4, $3) ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`,
        [id, slot, now, reason],
      );
      return rowCount === 1;
    },
    async get(id, slot) {
      const { rows } = await pool.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM digest_runs WHERE subscription_id = $1 AND scheduled_for = $2`,
        [id, slot],
      );
      return rows[0] ? toRun(rows[0]) : null;
    },
    async lastSent(id) {
      const { rows } = await pool.query<{ at: string | null }>(
        "SELECT max(scheduled_for) AS at FROM digest_runs WHERE subscription_id = $1 AND status = 'sent'",
        [id],
      );
      return rows[0]?.at ?? null;
    },
    async listUnfinished(id, before) {
      const { rows } = await pool.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM digest_runs WHERE subscription_id = $1 AND scheduled_for < $2
           AND status IN ('running', 'retrying') ORDER BY scheduled_for`,
        [id, before],
      );
      return rows.map(toRun);
    },
    async recentOutcomes(id, limit) {
      const { rows } = await pool.query<{ status: DigestRunStatus }>(
        `SELECT status FROM digest_runs WHERE subscription_id = $1 AND status IN ('sent', 'failed')
         ORDER BY scheduled_for DESC LIMIT $2`,
        [id, limit],
      );
      return rows.map((row) => row.status);
    },
  };
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    schedule: { label: row.schedule_label, cron: row.schedule_cron, timezone: row.schedule_timezone },
    topic: row.topic,
    quietWhenEmpty: row.quiet_when_empty,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toRun(row: RunRow): DigestRun {
  return {
    subscriptionId: row.subscription_id,
    scheduledFor: row.scheduled_for,
    status: row.status,
    owner: row.owner,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}
