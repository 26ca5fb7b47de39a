/**
 * @module adapters/slack/digest-commands
 * The `/brief digest | subscribe | unsubscribe | subscriptions` subcommands: an on-demand digest shown
 * privately with a Share button, and the channel's digest subscriptions through the core's commands.
 */
import type { Digest } from '../../core/digest/digest.js';
import {
  type CommandContext,
  SUBSCRIBE_HELP,
  type SubscribersPolicy,
  type SubscriptionCommands,
  type SubscriptionReply,
} from '../../core/digest/subscribe-command.js';
import { asBriefError, BadRequestError } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import { mrkdwnReply } from './blocks.js';
import { renderDigest } from './digest-render.js';
import type { SlashInvocation, SlashSubcommand } from './slash-command.js';

export interface SlackDigestCommandsDeps {
  /** `createSubscriptionCommands(...)` from the core. */
  commands: SubscriptionCommands;
  /** The on-demand digest (the lead decides the window, e.g. the last 24 hours). */
  buildOnDemand(request: { topic: string | null }): Digest | Promise<Digest>;
  clock: Clock;
  /**
   * The policy given to `createSubscriptionCommands`. With `'anyone'` nobody's admin status is looked up;
   * when omitted, it is looked up (`users.info`) for every subscribe and unsubscribe.
   */
  who?: SubscribersPolicy;
  /** Where a failed admin lookup is logged. */
  logger?: Logger;
}

export const MAX_TOPIC_CHARS = 200;
/** Said at once when `/brief subscribe` runs in a channel the bot is not in: it could never post there. */
export const NOT_IN_CHANNEL =
  "I'm not in this channel, so I could not post its digests. Invite me first with `/invite @Briefbot`, then run `/brief subscribe` again.";
const SUBSCRIBE_EXAMPLE = 'subscribe daily 08:00 tz Europe/Berlin topic AI chips';

export function slackDigestCommands(deps: SlackDigestCommandsDeps): SlashSubcommand[] {
  /**
   * Where and by whom, with admin status only when the policy needs it. When Slack cannot say (usually a
   * missing `users:read` scope) the person counts as no admin, and a refusal says why.
   */
  async function commandContext(
    invocation: SlashInvocation,
    needsAdmin: boolean,
  ): Promise<{ ctx: CommandContext; adminUnknown: string | null }> {
    let isAdmin = false;
    let adminUnknown: string | null = null;
    if (needsAdmin && deps.who !== 'anyone') {
      try {
        isAdmin = await invocation.isAdmin();
      } catch (error) {
        const failure = asBriefError(error);
        adminUnknown = failure.message;
        deps.logger?.warn('slack admin check failed', {
          code: failure.code,
          cause: failure.cause ?? failure,
          user: invocation.userId,
        });
      }
    }
    const ctx: CommandContext = {
      platform: 'slack',
      workspaceId: invocation.teamId,
      channelId: invocation.channelId,
      userId: invocation.userId,
      isAdmin,
      now: deps.clock.now(),
    };
    return { ctx, adminUnknown };
  }

  const reply = (invocation: SlashInvocation, result: SubscriptionReply, adminUnknown: string | null) => {
    const why =
      result.kind === 'refused' && adminUnknown
        ? ` (I could not check whether you are an admin: ${adminUnknown.replace(/\.$/, '')}. An admin may need to reinstall the app with the users:read scope.)`
        : '';
    return invocation.respond(`${result.text}${why}`);
  };

  /** Whether the bot can post here; when Slack cannot say, the subscription goes ahead with a note. */
  async function channelMembership(
    invocation: SlashInvocation,
  ): Promise<{ member: boolean | null; unknown: string | null }> {
    try {
      return { member: await invocation.botInChannel(), unknown: null };
    } catch (error) {
      const failure = asBriefError(error);
      deps.logger?.warn('slack membership check failed', {
        code: failure.code,
        cause: failure.cause ?? failure,
        channel: invocation.channelId,
      });
      return { member: null, unknown: failure.message };
    }
  }

  return [
    {
      name: 'digest',
      usage: 'digest [topic]',
      description:
        'Shows what is new, grouped into stories with sources; only you see it until you share it.',
      example: 'digest AI chips',
      progress: ':newspaper: Putting the digest together…',
      async handler({ args, respond }) {
        const topic = digestTopic(args);
        const digest = await deps.buildOnDemand({ topic });
        await respond(renderDigest(digest), { shareable: true });
      },
    },
    {
      name: 'subscribe',
      usage: 'subscribe [daily HH:MM | weekdays HH:MM | cron "<expr>"] [tz <zone>] [topic <terms>] [quiet]',
      description: 'Posts a digest in this channel on a schedule (default: daily 08:00).',
      example: SUBSCRIBE_EXAMPLE,
      async handler(invocation) {
        if (invocation.args.toLowerCase() === 'help') {
          await invocation.respond(SUBSCRIBE_HELP);
          return;
        }
        const membership = await channelMembership(invocation);
        if (membership.member === false) {
          // Our own words, sent as mrkdwn: escaping would break the `@Briefbot` a person copies.
          await invocation.respond(mrkdwnReply(NOT_IN_CHANNEL));
          return;
        }
        const { ctx, adminUnknown } = await commandContext(invocation, true);
        try {
          const result = await deps.commands.subscribe(invocation.args, ctx);
          await reply(invocation, withNote(result, membership.unknown), adminUnknown);
        } catch (error) {
          throw withExample(error);
        }
      },
    },
    {
      name: 'unsubscribe',
      usage: 'unsubscribe [topic <terms>]',
      description: "Stops this channel's digest about a topic, or all of them.",
      example: 'unsubscribe topic AI chips',
      async handler(invocation) {
        const { ctx, adminUnknown } = await commandContext(invocation, true);
        await reply(invocation, await deps.commands.unsubscribe(invocation.args, ctx), adminUnknown);
      },
    },
    {
      name: 'subscriptions',
      usage: 'subscriptions',
      description: "Lists this channel's digests, their schedules and when each runs next.",
      example: 'subscriptions',
      async handler(invocation) {
        const { ctx } = await commandContext(invocation, false);
        await reply(invocation, await deps.commands.listSubscriptions(ctx), null);
      },
    },
  ];
}

/** A subscribed reply notes that membership could not be checked (usually a scope the install lacks). */
function withNote(result: SubscriptionReply, unknown: string | null): SubscriptionReply {
  if (!unknown || result.kind !== 'subscribed') return result;
  const note = ` (I could not check that I am in this channel: ${unknown.replace(/\.$/, '')}. If the digest does not arrive, invite me with \`/invite @Briefbot\`; an admin may need to reinstall the app with the channels:read and groups:read scopes.)`;
  return { ...result, text: `${result.text}${note}` };
}

/** `AI chips`, `topic AI chips` and `"AI chips"` all mean the topic AI chips; nothing means all news. */
function digestTopic(args: string): string | null {
  const topic = args
    .replace(/^topic\s+/i, '')
    .replace(/^["“”]|["“”]$/g, '')
    .trim();
  if (topic.length > MAX_TOPIC_CHARS) {
    throw new BadRequestError(
      `That topic is too long; please keep it under ${MAX_TOPIC_CHARS} characters, e.g. \`/brief digest AI chips\`.`,
    );
  }
  return topic === '' ? null : topic;
}

/** The core's message says what is wrong; a whole command shows how to write it. */
function withExample(error: unknown): unknown {
  if (!(error instanceof BadRequestError)) return error;
  return new BadRequestError(
    `${error.message}\nFor example: \`/brief ${SUBSCRIBE_EXAMPLE}\` (\`/brief subscribe help\` shows more).`,
    { cause: error },
  );
}
