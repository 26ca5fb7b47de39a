/**
 * @module store/sqlite/sqlite-subscription-store
 * Digest subscriptions and the run ledger on SQLite (tables from migration 3). Several processes may share
 * the database file; each scheduled digest is claimed by exactly one of them.
 *
 * Exactly-once claiming rests on two statements, each atomic on its own, and carries over to PostgreSQL
 * (one database, many machines) unchanged apart from types (`timestamptz`, `boolean`):
 *   1. `INSERT ... ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`: the PRIMARY KEY lets one
 *      inserter win; the others see 0 rows changed.
 *   2. `UPDATE ... WHERE status IN ('running','retrying') AND lease_until <= :now`: re-takes a run whose
 *      owner died or whose retry back-off has passed. PostgreSQL re-checks the WHERE after a concurrent
 *      update commits (READ COMMITTED), so again one updater wins.
 * `renew` (the owner's heartbeat), `markSent` and `markFailed` only touch rows the caller still owns. Times are ISO-8601 UTC strings
 * (`toISOString()`), which sort as text; across machines, clock skew must stay well under the lease.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  DigestRun,
  DigestRunStatus,
  DigestRunStore,
  SubscriptionDraft,
  SubscriptionStore,
} from '../../core/digest/digest-ports.js';
import type { Platform, Subscription } from '../../core/digest/subscription.js';
import { topicKey } from '../topic-key.js';
import { lockOf } from './connection-lock.js';

interface SubscriptionRow {
  id: string;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  topic: string | null;
  schedule_label: string;
  schedule_cron: string;
  schedule_timezone: string;
  quiet_when_empty: number;
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

export { topicKey };

export function createSqliteSubscriptionStore(db: Database.Database): SubscriptionStore {
  const byKey = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? AND topic_key = ?',
  );
  const byId = db.prepare<[string], SubscriptionRow>('SELECT * FROM digest_subscriptions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO digest_subscriptions (id, platform, workspace_id, channel_id, topic, topic_key, schedule_label,
       schedule_cron, schedule_timezone, quiet_when_empty, created_by, created_at)
     VALUES (@id, @platform, @workspaceId, @channelId, @topic, @topicKey, @label, @cron, @timezone, @quiet,
       @createdBy, @now)`,
  );
  const update = db.prepare(
    `UPDATE digest_subscriptions SET workspace_id = @workspaceId, topic = @topic, schedule_label = @label,
       schedule_cron = @cron, schedule_timezone = @timezone, quiet_when_empty = @quiet, created_by = @createdBy,
       created_at = @now
     WHERE id = @id`,
  );
  const listChannel = db.prepare<[string, string], SubscriptionRow>(
    'SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? ORDER BY rowid',
  );
  const listAll = db.prepare<[], SubscriptionRow>('SELECT * FROM digest_subscriptions ORDER BY rowid');
  const removeChannel = db.prepare('DELETE FROM digest_subscriptions WHERE platform = ? AND channel_id = ?');
  const removeTopic = db.prepare(
    'DELETE FROM digest_subscriptions WHERE platform = ? AND channel_id = ? AND topic_key = ?',
  );

  const upsert = db.transaction((draft: SubscriptionDraft, now: string) => {
    const key = topicKey(draft.topic);
    const existing = byKey.get(draft.platform, draft.channelId, key);
    const id = existing?.id ?? `sub_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const params = {
      id,
      platform: draft.platform,
      workspaceId: draft.workspaceId,
      channelId: draft.channelId,
      topic: draft.topic,
      topicKey: key,
      label: draft.schedule.label,
      cron: draft.schedule.cron,
      timezone: draft.schedule.timezone,
      quiet: draft.quietWhenEmpty ? 1 : 0,
      createdBy: draft.createdBy,
      now,
    };
    (existing ? update : insert).run(params);
    return { subscription: toSubscription(byId.get(id) as SubscriptionRow), created: !existing };
  });

  const lock = lockOf(db);
  return {
    upsert: (draft, now) => lock.run(() => upsert(draft, now)),
    remove: ({ platform, channelId, topic }) =>
      lock.run(() =>
        topic === undefined
          ? removeChannel.run(platform, channelId).changes
          : removeTopic.run(platform, channelId, topicKey(topic)).changes,
      ),
    listByChannel: (platform, channelId) =>
      lock.run(() => listChannel.all(platform, channelId).map(toSubscription)),
    listAll: () => lock.run(() => listAll.all().map(toSubscription)),
    get: (id) =>
      lock.run(() => {
        const row = byId.get(id);
        return row ? toSubscription(row) : null;
      }),
  };
}

export function createSqliteDigestRunStore(db: Database.Database): DigestRunStore {
  const insertClaim = db.prepare(
    `INSERT INTO digest_runs (subscription_id, scheduled_for, status, owner, lease_until, attempts, updated_at)
     VALUES (?, ?, 'running', ?, ?, 1, ?)
     ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`,
  );
  const retakeClaim = db.prepare(
    `UPDATE digest_runs SET status = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
     WHERE subscription_id = ? AND scheduled_for = ? AND status IN ('running', 'retrying') AND lease_until <= ?`,
  );
  const renewLease = db.prepare(
    `UPDATE digest_runs SET lease_until = ?, updated_at = ?
     WHERE subscription_id = ? AND scheduled_for = ? AND owner = ? AND status = 'running'`,
  );
  const finish = db.prepare(
    `UPDATE digest_runs SET status = @status, owner = CASE WHEN @status = 'retrying' THEN NULL ELSE owner END,
       lease_until = @leaseUntil, last_error = @error, updated_at = @now
     WHERE subscription_id = @id AND scheduled_for = @slot AND owner = @owner AND status = 'running'`,
  );
  const insertSkipped = db.prepare(
    `INSERT INTO digest_runs (subscription_id, scheduled_for, status, owner, lease_until, attempts, last_error, updated_at)
     VALUES (?, ?, 'skipped', NULL, ?, 0, ?, ?)
     ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`,
  );
  const getRun = db.prepare<[string, string], RunRow>(
    'SELECT * FROM digest_runs WHERE subscription_id = ? AND scheduled_for = ?',
  );
  const lastSent = db.prepare<[string], { at: string | null }>(
    "SELECT MAX(scheduled_for) AS at FROM digest_runs WHERE subscription_id = ? AND status = 'sent'",
  );
  const unfinished = db.prepare<[string, string], RunRow>(
    `SELECT * FROM digest_runs WHERE subscription_id = ? AND scheduled_for < ?
       AND status IN ('running', 'retrying') ORDER BY scheduled_for`,
  );

  const outcomes = db.prepare<[string, number], { status: DigestRunStatus }>(
    `SELECT status FROM digest_runs WHERE subscription_id = ? AND status IN ('sent', 'failed')
       ORDER BY scheduled_for DESC LIMIT ?`,
  );

  const lock = lockOf(db);
  return {
    claim: (id, slot, owner, leaseMs, now) =>
      lock.run(() => {
        const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
        if (insertClaim.run(id, slot, owner, leaseUntil, now).changes === 1) return true;
        return retakeClaim.run(owner, leaseUntil, now, id, slot, now).changes === 1;
      }),
    renew: (id, slot, owner, leaseMs, now) =>
      lock.run(() => {
        const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
        return renewLease.run(leaseUntil, now, id, slot, owner).changes === 1;
      }),
    markSent: (id, slot, owner, now) =>
      lock.run(
        () =>
          finish.run({ status: 'sent', leaseUntil: now, error: null, now, id, slot, owner }).changes === 1,
      ),
    markFailed: (id, slot, owner, error, nextAttemptAt, now) =>
      lock.run(
        () =>
          finish.run({
            status: nextAttemptAt ? 'retrying' : 'failed',
            leaseUntil: nextAttemptAt ?? now,
            error,
            now,
            id,
            slot,
            owner,
          }).changes === 1,
      ),
    markSkipped: (id, slot, reason, now) =>
      lock.run(() => insertSkipped.run(id, slot, now, reason, now).changes === 1),
    get: (id, slot) =>
      lock.run(() => {
        const row = getRun.get(id, slot);
        return row ? toRun(row) : null;
      }),
    lastSent: (id) => lock.run(() => lastSent.get(id)?.at ?? null),
    listUnfinished: (id, before) => lock.run(() => unfinished.all(id, before).map(toRun)),
    recentOutcomes: (id, limit) => lock.run(() => outcomes.all(id, limit).map((row) => row.status)),
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
    quietWhenEmpty: row.quiet_when_empty === 1,
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
