/**
 * @module core/digest/subscribe-command
 * The platform-neutral `/brief subscribe | unsubscribe | subscriptions` handlers: they check who may
 * change digests, talk to the SubscriptionStore and return plain replies the adapters render.
 */
import type { SubscriptionStore } from './digest-ports.js';
import { describeSchedule, nextRunAfter, parseScheduleSpec } from './schedule-spec.js';
import type { Platform, Subscription } from './subscription.js';

/** Who may add or remove digests (DIGEST_SUBSCRIBERS). */
export type SubscribersPolicy = 'anyone' | 'admins';

export const SUBSCRIBE_HELP = [
  '`/brief subscribe` posts a digest in this channel every day at 08:00.',
  '`/brief subscribe weekdays 07:30 tz Europe/Berlin` posts on Monday to Friday, Berlin time.',
  '`/brief subscribe daily 18:00 topic AI chips quiet` only covers AI chips and stays quiet on days without news.',
  '`/brief subscribe cron "0 8,17 * * 1-5" tz America/New_York` uses a cron schedule (at most every 15 minutes).',
  "`/brief subscriptions` lists this channel's digests; `/brief unsubscribe topic AI chips` stops one; `/brief unsubscribe` stops all.",
].join('\n');

/** Where and by whom a command was typed. */
export interface CommandContext {
  platform: Platform;
  workspaceId: string | null;
  channelId: string;
  userId: string;
  /** Workspace admin/owner (Slack) or Manage Server / Administrator (Discord). */
  isAdmin: boolean;
  now: Date;
}

/** One subscription as shown to people. */
export interface SubscriptionView {
  subscription: Subscription;
  /** "daily at 08:00 Europe/Berlin (next: Tue 24 Nov 08:00)" */
  description: string;
  nextRunAt: string | null;
}

export type SubscriptionReply =
  | { kind: 'subscribed'; created: boolean; subscription: Subscription; text: string }
  | { kind: 'unsubscribed'; removed: number; text: string }
  | { kind: 'list'; subscriptions: SubscriptionView[]; text: string }
  | { kind: 'refused'; text: string };

export interface SubscriptionCommands {
  /** Throws BadRequestError (with an example) when the schedule, zone or cron cannot be used. */
  subscribe(args: string, ctx: CommandContext): Promise<SubscriptionReply>;
  unsubscribe(args: string, ctx: CommandContext): Promise<SubscriptionReply>;
  listSubscriptions(ctx: CommandContext): Promise<SubscriptionReply>;
}

export function createSubscriptionCommands(options: {
  subscriptions: SubscriptionStore;
  /** DIGEST_TZ: the zone when the person names none. */
  defaultTimezone: string;
  who: SubscribersPolicy;
}): SubscriptionCommands {
  const { subscriptions } = options;
  const refused = (): SubscriptionReply => ({
    kind: 'refused',
    text: "Only workspace admins can change this workspace's digests. Ask an admin, or see what is set up with `/brief subscriptions`.",
  });
  const mayChange = (ctx: CommandContext) => options.who === 'anyone' || ctx.isAdmin;

  async function listSubscriptions(ctx: CommandContext): Promise<SubscriptionReply> {
    const views = (await subscriptions.listByChannel(ctx.platform, ctx.channelId)).map((s) =>
      view(s, ctx.now),
    );
    if (views.length === 0) {
      return {
        kind: 'list',
        subscriptions: [],
        text: 'This channel has no digests. Try `/brief subscribe daily 08:00`.',
      };
    }
    const lines = views.map(
      (v) => `• ${about(v.subscription)}: ${v.description}${quietNote(v.subscription)}`,
    );
    const count = views.length === 1 ? 'one digest' : `${views.length} digests`;
    return { kind: 'list', subscriptions: views, text: [`This channel gets ${count}:`, ...lines].join('\n') };
  }

  return {
    async subscribe(args, ctx) {
      if (!mayChange(ctx)) return refused();
      const spec = parseScheduleSpec(args, { defaultTimezone: options.defaultTimezone, now: ctx.now });
      const { subscription, created } = await subscriptions.upsert(
        {
          platform: ctx.platform,
          workspaceId: ctx.workspaceId,
          channelId: ctx.channelId,
          schedule: spec.schedule,
          topic: spec.topic,
          quietWhenEmpty: spec.quietWhenEmpty,
          createdBy: ctx.userId,
        },
        ctx.now.toISOString(),
      );
      const head = created ? 'Subscribed: this channel gets' : 'Updated: this channel now gets';
      const text = `${head} ${about(subscription)} ${describeSchedule(subscription.schedule, ctx.now)}.${quietNote(subscription)}`;
      return { kind: 'subscribed', created, subscription, text };
    },

    async unsubscribe(args, ctx) {
      if (!mayChange(ctx)) return refused();
      const words = args
        .trim()
        .replace(/^topic\s+/i, '')
        .replace(/^["“”]|["“”]$/g, '')
        .trim();
      const all = words === '' || words.toLowerCase() === 'all';
      const removed = await subscriptions.remove({
        platform: ctx.platform,
        channelId: ctx.channelId,
        ...(all ? {} : { topic: words }),
      });
      if (removed > 0) {
        const what = all
          ? removed === 1
            ? 'the digest'
            : `all ${removed} digests`
          : `the digest about "${words}"`;
        return { kind: 'unsubscribed', removed, text: `Stopped ${what} in this channel.` };
      }
      const listing = await listSubscriptions(ctx);
      const missing = all ? 'This channel has no digests.' : `This channel has no digest about "${words}".`;
      const text =
        listing.kind === 'list' && listing.subscriptions.length > 0 ? `${missing} ${listing.text}` : missing;
      return { kind: 'unsubscribed', removed: 0, text };
    },

    listSubscriptions,
  };
}

function view(subscription: Subscription, now: Date): SubscriptionView {
  const next = nextRunAfter(subscription.schedule, now);
  return {
    subscription,
    description: describeSchedule(subscription.schedule, now),
    nextRunAt: next?.toISOString() ?? null,
  };
}

function about(subscription: Subscription): string {
  return subscription.topic ? `a digest about "${subscription.topic}"` : 'a digest of all news';
}

function quietNote(subscription: Subscription): string {
  return subscription.quietWhenEmpty ? ' Quiet when nothing is new.' : '';
}
