/**
 * @module store/sqlite/sqlite-alert-store
 * Story alerts and their story ledger on SQLite (migration 10). Opening a story is one transaction that
 * writes the story and its articles only when none of them belongs to a story yet; a story's claim is
 * one atomic UPDATE (`... WHERE lease free AND work due`), and the daily cap is counted and reserved in
 * one IMMEDIATE transaction: of several processes on one file, one posts each story, within the cap.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
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
import { lockOf } from './connection-lock.js';

const DUE = dueStory('@now', '0');

export function createSqliteAlertStore(db: Database.Database): AlertStore {
  const lock = lockOf(db);
  const byKey = db.prepare<[string, string, string], AlertRow>(
    'SELECT * FROM alerts WHERE platform = ? AND channel_id = ? AND topic_key = ?',
  );
  const all = db.prepare<[], AlertRow>('SELECT * FROM alerts ORDER BY created_at, id');
  const byChannel = db.prepare<[string, string], AlertRow>(
    'SELECT * FROM alerts WHERE platform = ? AND channel_id = ? ORDER BY created_at, id',
  );
  const insert = db.prepare(
    `INSERT INTO alerts (id, platform, workspace_id, channel_id, topic, topic_key, quiet_from, quiet_to,
       timezone, created_by, created_at)
     VALUES (@id, @platform, @workspaceId, @channelId, @topic, @topicKey, @quietFrom, @quietTo, @timezone,
       @createdBy, @now)
     ON CONFLICT (platform, channel_id, topic_key) DO UPDATE SET quiet_from = @quietFrom,
       quiet_to = @quietTo, timezone = @timezone, workspace_id = coalesce(@workspaceId, workspace_id)`,
  );
  const storyOf = db.prepare<[string, string], { story_key: string }>(
    'SELECT story_key FROM alert_story_articles WHERE alert_id = ? AND article_id = ?',
  );
  const story = db.prepare<[string, string], AlertStoryRow>(
    'SELECT * FROM alert_stories WHERE alert_id = ? AND story_key = ?',
  );
  const storyArticles = db.prepare<[string, string], AlertArticleRow>(
    'SELECT article_id, sent FROM alert_story_articles WHERE alert_id = ? AND story_key = ? ORDER BY rowid',
  );
  const insertStory = db.prepare(
    `INSERT INTO alert_stories (alert_id, story_key, status, created_at) VALUES (?, ?, 'pending', ?)
     ON CONFLICT DO NOTHING`,
  );
  const insertArticle = db.prepare(
    `INSERT INTO alert_story_articles (alert_id, article_id, story_key, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const due = db.prepare<{ alertId: string; now: string }, AlertStoryRow>(
    `SELECT s.* FROM alert_stories s WHERE s.alert_id = @alertId AND ${DUE}
     ORDER BY s.created_at, s.story_key`,
  );
  const claim = db.prepare(
    `UPDATE alert_stories AS s SET owner = @owner, lease_until = @until, attempts = attempts + 1
     WHERE s.alert_id = @alertId AND s.story_key = @storyKey AND ${DUE}`,
  );
  const renew = db.prepare(
    `UPDATE alert_stories SET lease_until = @until
     WHERE alert_id = @alertId AND story_key = @storyKey AND owner = @owner`,
  );
  const owned = db.prepare<[string, string, string], { posted_day: string | null }>(
    'SELECT posted_day FROM alert_stories WHERE alert_id = ? AND story_key = ? AND owner = ?',
  );
  const postedOnDay = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM alert_stories s JOIN alerts a ON a.id = s.alert_id
     JOIN alerts mine ON mine.platform = a.platform AND mine.channel_id = a.channel_id
     WHERE mine.id = ? AND s.posted_day = ?`,
  );
  const setDay = db.prepare('UPDATE alert_stories SET posted_day = ? WHERE alert_id = ? AND story_key = ?');
  const release = db.prepare(
    `UPDATE alert_stories SET status = @status, message_id = coalesce(@messageId, message_id),
       posted_at = coalesce(@postedAt, posted_at), attempts = @attempts, last_error = @lastError,
       not_before = @notBefore, owner = NULL, lease_until = NULL
     WHERE alert_id = @alertId AND story_key = @storyKey AND owner = @owner`,
  );
  const current = db.prepare<[string, string, string], AlertStoryRow>(
    'SELECT * FROM alert_stories WHERE alert_id = ? AND story_key = ? AND owner = ?',
  );
  const markSent = db.prepare(
    'UPDATE alert_story_articles SET sent = 1 WHERE alert_id = ? AND story_key = ? AND article_id = ?',
  );

  const withArticles = (row: AlertStoryRow) =>
    toAlertStory(row, storyArticles.all(row.alert_id, row.story_key));

  const openStory = db.transaction((alertId: string, key: string, ids: readonly string[], now: string) => {
    if (ids.some((id) => storyOf.get(alertId, id))) return false;
    if (insertStory.run(alertId, key, now).changes === 0) return false;
    for (const id of ids) insertArticle.run(alertId, id, key, now);
    return true;
  });
  const addSources = db.transaction((alertId: string, key: string, ids: readonly string[], now: string) => {
    if (!story.get(alertId, key)) return [];
    return ids.filter((id) => insertArticle.run(alertId, id, key, now).changes > 0);
  });
  const reserveDay = db.transaction(
    (alertId: string, key: string, owner: string, day: string, cap: number) => {
      const row = owned.get(alertId, key, owner);
      if (!row) return false;
      if (row.posted_day !== null) return true;
      if ((postedOnDay.get(alertId, day)?.n ?? 0) >= cap) return false;
      setDay.run(day, alertId, key);
      return true;
    },
  );
  const recordStory = db.transaction(
    (alertId: string, key: string, owner: string, r: AlertStoryRecord, now: string) => {
      const row = current.get(alertId, key, owner);
      if (!row) return false;
      const base = { alertId, storyKey: key, owner, messageId: null, postedAt: null, lastError: null };
      let sent: string[] = [];
      switch (r.kind) {
        case 'posted':
          release.run({
            ...base,
            status: 'posted',
            messageId: r.messageId,
            postedAt: now,
            attempts: 0,
            notBefore: null,
          });
          sent = r.sentArticleIds;
          break;
        case 'sources-sent':
          release.run({ ...base, status: row.status, attempts: 0, notBefore: null });
          sent = r.sentArticleIds;
          break;
        case 'held':
          release.run({ ...base, status: 'held', attempts: 0, notBefore: r.until });
          break;
        case 'skipped':
          release.run({ ...base, status: 'skipped', attempts: 0, lastError: r.reason, notBefore: null });
          break;
        case 'failed': {
          const givenUp = r.retryAt === null;
          const status = givenUp ? (row.status === 'posted' ? 'posted' : 'failed') : row.status;
          release.run({
            ...base,
            status,
            attempts: givenUp ? 0 : row.attempts,
            lastError: r.error,
            notBefore: r.retryAt,
          });
          if (givenUp) sent = r.articleIds;
          break;
        }
      }
      for (const id of sent) markSent.run(alertId, key, id);
      return true;
    },
  );

  return {
    add: (draft, now) =>
      lock.run(() => {
        const key = topicKey(draft.topic);
        const existing = byKey.get(draft.platform, draft.channelId, key);
        insert.run({
          id: existing?.id ?? `alert_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
          platform: draft.platform,
          workspaceId: draft.workspaceId,
          channelId: draft.channelId,
          topic: draft.topic,
          topicKey: key,
          quietFrom: draft.quiet?.from ?? null,
          quietTo: draft.quiet?.to ?? null,
          timezone: draft.timezone,
          createdBy: draft.createdBy,
          now,
        });
        return {
          alert: toAlert(byKey.get(draft.platform, draft.channelId, key) as AlertRow),
          created: !existing,
        };
      }),
    remove: (filter) =>
      lock.run(() => {
        if ('id' in filter) return db.prepare('DELETE FROM alerts WHERE id = ?').run(filter.id).changes;
        const where = ['topic_key = @topicKey'];
        if (filter.platform) where.push('platform = @platform');
        if (filter.channelId) where.push('channel_id = @channelId');
        return db
          .prepare(`DELETE FROM alerts WHERE ${where.join(' AND ')}`)
          .run({ topicKey: topicKey(filter.topic), platform: filter.platform, channelId: filter.channelId })
          .changes;
      }),
    list: () => lock.run(() => all.all().map(toAlert)),
    listByChannel: (platform, channelId) => lock.run(() => byChannel.all(platform, channelId).map(toAlert)),
    storiesOf: (alertId, ids) =>
      lock.run(() => {
        const found = new Map<string, string>();
        for (const id of ids) {
          const row = storyOf.get(alertId, id);
          if (row) found.set(id, row.story_key);
        }
        return found;
      }),
    openStory: (alertId, key, ids, now) => lock.run(() => openStory.immediate(alertId, key, ids, now)),
    addSources: (alertId, key, ids, now) => lock.run(() => addSources.immediate(alertId, key, ids, now)),
    dueStories: (alertId, now) => lock.run(() => due.all({ alertId, now }).map(withArticles)),
    claimStory: (alertId, storyKey, owner, leaseMs, now) =>
      lock.run(() => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        if (claim.run({ alertId, storyKey, owner, until, now }).changes === 0) return null;
        const row = story.get(alertId, storyKey);
        return row ? withArticles(row) : null;
      }),
    renewStory: (alertId, storyKey, owner, leaseMs, now) =>
      lock.run(() => {
        const until = new Date(Date.parse(now) + leaseMs).toISOString();
        return renew.run({ alertId, storyKey, owner, until }).changes > 0;
      }),
    reserveDay: (alertId, key, owner, day, cap) =>
      lock.run(() => reserveDay.immediate(alertId, key, owner, day, cap)),
    recordStory: (alertId, key, owner, record, now) =>
      lock.run(() => recordStory.immediate(alertId, key, owner, record, now)),
  };
}
