/**
 * @module store/alert-rows
 * The row shapes of the alert tables (SQLite migration 10, PostgreSQL's alert migration) and their
 * mapping to the domain, shared by both stores.
 */
import type { Alert } from '../core/alerts/alert.js';
import type { AlertStory, AlertStoryStatus } from '../core/alerts/alert-ports.js';
import type { Platform } from '../core/digest/subscription.js';

export interface AlertRow {
  id: string;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  topic: string;
  quiet_from: string | null;
  quiet_to: string | null;
  timezone: string;
  created_by: string;
  created_at: string;
}

export interface AlertStoryRow {
  alert_id: string;
  story_key: string;
  status: AlertStoryStatus;
  message_id: string | null;
  posted_at: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
}

export interface AlertArticleRow {
  article_id: string;
  sent: number | boolean;
}

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    topic: row.topic,
    quiet: row.quiet_from && row.quiet_to ? { from: row.quiet_from, to: row.quiet_to } : null,
    timezone: row.timezone,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function toAlertStory(row: AlertStoryRow, articles: AlertArticleRow[]): AlertStory {
  return {
    alertId: row.alert_id,
    storyKey: row.story_key,
    status: row.status,
    messageId: row.message_id,
    postedAt: row.posted_at,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    articles: articles.map((a) => ({ articleId: a.article_id, sent: a.sent === true || a.sent === 1 })),
  };
}

/** Where story `s` has work due: the same condition in both stores (`now` and `unsent` as each spells them). */
export function dueStory(now: string, unsent: string): string {
  return `(s.lease_until IS NULL OR s.lease_until <= ${now})
  AND (s.not_before IS NULL OR s.not_before <= ${now})
  AND (s.status IN ('pending', 'held') OR (s.status = 'posted' AND EXISTS (
    SELECT 1 FROM alert_story_articles x WHERE x.alert_id = s.alert_id AND x.story_key = s.story_key
      AND x.sent = ${unsent})))`;
}
