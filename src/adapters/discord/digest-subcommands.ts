/**
 * @module adapters/discord/digest-subcommands
 * The `/brief` rows for digests: `digest [topic]` (a private preview with Share), and `subscribe`,
 * `unsubscribe`, `subscriptions`, which translate Discord's options for the core subscription commands.
 */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import type { Digest } from '../../core/digest/digest.js';
import type {
  CommandContext,
  SubscriptionCommands,
  SubscriptionReply,
} from '../../core/digest/subscribe-command.js';
import { BadRequestError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import { DIGEST_DEFINITIONS } from './digest-definitions.js';
import { renderDigest } from './digest-render.js';
import { suggestTimeZones } from './digest-time-zones.js';
import { LIMITS, splitText, truncate } from './discord-limits.js';
import { missingPermissions } from './permissions.js';
import type { BriefSubcommand, DiscordReply } from './subcommand.js';

export interface DiscordDigestDeps {
  /** `createSubscriptionCommands({ subscriptions, defaultTimezone, who })` from core/digest. */
  commands: SubscriptionCommands;
  /** The digest `/brief digest` shows; the caller picks the window (e.g. the last 24 hours). */
  buildOnDemand(request: { topic: string | null }): Digest | Promise<Digest>;
  clock: Clock;
}

export const ADMINS_ONLY_TEXT =
  "Only members with the **Manage Server** permission can change this server's digests. Ask one of them, or see what is set up with `/brief subscriptions`.";

export function discordDigestSubcommands(deps: DiscordDigestDeps): BriefSubcommand[] {
  const { commands, clock } = deps;
  const digest: BriefSubcommand = {
    ...DIGEST_DEFINITIONS.digest,
    visibility: 'ephemeral',
    shareable: true,
    rateLimited: true,
    run: async ({ interaction }) => {
      const topic = interaction.options.getString('topic')?.trim() || null;
      return { messages: renderDigest(await deps.buildOnDemand({ topic })) };
    },
  };
  const subscribe: BriefSubcommand = {
    ...DIGEST_DEFINITIONS.subscribe,
    visibility: 'ephemeral',
    validate: ({ interaction }) => refuseWhereDigestsCannotPost(interaction),
    run: async ({ interaction }) =>
      textReply(await commands.subscribe(subscribeArgs(interaction), contextOf(interaction, clock))),
    autocomplete: ({ focused }) =>
      focused.name === 'tz' ? suggestTimeZones(focused.value, clock.now()) : [],
  };
  const unsubscribe: BriefSubcommand = {
    ...DIGEST_DEFINITIONS.unsubscribe,
    visibility: 'ephemeral',
    run: async ({ interaction }) => {
      const topic = unquoted(interaction.options.getString('topic') ?? '');
      // Quoted, so a topic that starts with "topic" or holds a keyword stays one phrase.
      const args = topic === '' ? '' : `"${topic}"`;
      return textReply(await commands.unsubscribe(args, contextOf(interaction, clock)));
    },
    autocomplete: async ({ interaction, focused }) => {
      if (focused.name !== 'topic') return [];
      const listing = await commands.listSubscriptions(contextOf(interaction, clock));
      const typed = focused.value.trim().toLocaleLowerCase();
      const choices = (listing.kind === 'list' ? listing.subscriptions : [])
        .flatMap((v) =>
          v.subscription.topic === null ? [] : [{ topic: v.subscription.topic, about: v.description }],
        )
        .filter((t) => t.topic.toLocaleLowerCase().includes(typed))
        .map((t) => ({ name: truncate(`${t.topic} — ${t.about}`, LIMITS.choiceName), value: t.topic }));
      return typed === ''
        ? [{ name: 'all (every digest in this channel)', value: 'all' }, ...choices]
        : choices;
    },
  };
  const subscriptions: BriefSubcommand = {
    ...DIGEST_DEFINITIONS.subscriptions,
    visibility: 'ephemeral',
    run: async ({ interaction }) =>
      textReply(await commands.listSubscriptions(contextOf(interaction, clock))),
  };
  return [digest, subscribe, unsubscribe, subscriptions];
}

/** Who, where and when, as the core commands see it. Admin: Manage Server (or Administrator); in DMs, the person. */
function contextOf(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  clock: Clock,
): CommandContext {
  return {
    platform: 'discord',
    workspaceId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    isAdmin: interaction.inGuild()
      ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false)
      : true,
    now: clock.now(),
  };
}

/** The options as the core's subscribe syntax: `<schedule> tz "<zone>" topic "<words>" quiet`. */
function subscribeArgs(interaction: Pick<ChatInputCommandInteraction, 'options'>): string {
  const { options } = interaction;
  const tz = options.getString('tz');
  const topic = options.getString('topic');
  return [
    scheduleWords(options.getString('schedule') ?? ''),
    tz === null ? '' : `tz "${unquoted(tz)}"`,
    topic === null || unquoted(topic) === '' ? '' : `topic "${unquoted(topic)}"`,
    options.getBoolean('quiet') ? 'quiet' : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** "08:00" means daily at 08:00; five bare cron fields mean a cron schedule; the rest is as typed. */
function scheduleWords(typed: string): string {
  const text = typed.trim();
  if (/^\d{1,2}(:\d{2})?$/.test(text)) return `daily ${text}`;
  const fields = text.split(/\s+/);
  if (fields.length === 5 && /^[\d*]/.test(text)) return `cron "${text}"`;
  return text;
}

function unquoted(text: string): string {
  return text.replace(/["“”]/g, '').trim();
}

/**
 * Subscribing is refused at once where the digest could not go out: a server the bot is not a member of
 * (only its commands were added), or a channel where it lacks a permission posting needs. Read Message
 * History is one: before a retry the sink looks for the digest among the channel's recent messages.
 */
function refuseWhereDigestsCannotPost(interaction: ChatInputCommandInteraction): void {
  refuseWhereBotCannotPost(interaction, 'digests', 'subscribe again');
}

/** The same check for anything the bot will post later in this channel (digests, story alerts). */
export function refuseWhereBotCannotPost(
  interaction: ChatInputCommandInteraction,
  what: string,
  again: string,
): void {
  if (!interaction.inGuild()) return;
  if (!interaction.inCachedGuild()) {
    throw new BadRequestError(
      `I can't post ${what} in this server: only my commands were added, not me. Ask a server admin to invite me with the link \`npx brief discord:register\` prints (it adds the bot), then ${again}.`,
    );
  }
  const inThread = interaction.channel?.isThread() ?? false;
  const missing = missingPermissions(interaction.appPermissions, { inThread, asReply: true });
  if (missing.length === 0) return;
  throw new BadRequestError(
    `I can't post ${what} in this channel: I'm missing **${missing.join('**, **')}**. Ask a server admin to grant ${missing.length === 1 ? 'it' : 'them'} to my role, then ${again}.`,
  );
}

function textReply(reply: SubscriptionReply): DiscordReply {
  const text = reply.kind === 'refused' ? ADMINS_ONLY_TEXT : reply.text;
  return { messages: splitText(text, LIMITS.content).map((content) => ({ content })) };
}
