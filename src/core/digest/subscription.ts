/**
 * @module core/digest/subscription
 * A channel's standing order for digests: where to post, on what schedule and in which time zone,
 * optionally only about a topic.
 */

export type Platform = 'slack' | 'discord' | 'console';

export interface Schedule {
  /** How the person wrote it, for display: "daily 08:00", "weekdays 07:30", "cron 0 8 * * 1". */
  label: string;
  /** A 5-field cron expression (minute hour day month weekday), evaluated in `timezone`. */
  cron: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
}

export interface Subscription {
  id: string;
  platform: Platform;
  /** Slack team id or Discord guild id; null for DMs and the console. */
  workspaceId: string | null;
  channelId: string;
  schedule: Schedule;
  topic: string | null;
  /** When nothing is new: stay quiet instead of posting a one-line "nothing new". */
  quietWhenEmpty: boolean;
  /** Platform user id of who subscribed (told when delivery keeps failing). */
  createdBy: string;
  createdAt: string;
}
