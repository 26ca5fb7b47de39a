/**
 * @module adapters/discord/testing/discord-payloads
 * Small factories for Discord's wire objects (users, guilds, channels, messages, interactions) as the
 * gateway and REST API send them, with overrides. Ids are deterministic snowflakes.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';

let counter = 0;
/** A fresh snowflake; `shard` picks the id so (id >> 22) % shardCount === shard. */
export function snowflake(shard?: { shard: number; of: number }): string {
  counter += 1;
  let base = BigInt(1_000_000 + counter * 7);
  if (shard) base += BigInt((shard.shard - Number(base % BigInt(shard.of)) + shard.of) % shard.of);
  return (base << 22n).toString();
}

export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export const ALL_TEXT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AttachFiles;

export interface WireUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export function makeUser(overrides: Partial<WireUser> = {}): WireUser {
  const id = overrides.id ?? snowflake();
  return {
    id,
    username: `user${id.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
    ...overrides,
  };
}

export interface WireChannel {
  id: string;
  type: ChannelType;
  guild_id?: string;
  name?: string;
  parent_id?: string | null;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
  [key: string]: unknown;
}

export function makeTextChannel(guildId: string, overrides: Partial<WireChannel> = {}): WireChannel {
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: 'news',
    position: 0,
    parent_id: null,
    nsfw: false,
    topic: null,
    rate_limit_per_user: 0,
    last_message_id: null,
    permission_overwrites: [],
    ...overrides,
  };
}

export function makeThread(
  guildId: string,
  parentId: string,
  overrides: Partial<WireChannel> = {},
): WireChannel {
  return {
    id: snowflake(),
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: parentId,
    name: 'follow-ups',
    owner_id: snowflake(),
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 2,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date(0).toISOString(),
      locked: false,
    },
    ...overrides,
  };
}

export interface GuildSpec {
  id: string;
  name: string;
  channels: WireChannel[];
  threads: WireChannel[];
  /** What @everyone (and so the bot) may do in every channel, before channel overwrites. */
  everyonePermissions: bigint;
}

export function makeGuildSpec(overrides: Partial<GuildSpec> = {}): GuildSpec {
  const id = overrides.id ?? snowflake();
  return {
    id,
    name: 'Newsroom',
    channels: overrides.channels ?? [makeTextChannel(id)],
    threads: [],
    everyonePermissions: ALL_TEXT_PERMISSIONS,
    ...overrides,
  };
}

/** The GUILD_CREATE payload for a guild the bot is a member of. */
export function guildCreatePayload(
  guild: GuildSpec,
  bot: WireUser,
  ownerId: string,
): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: ownerId,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: guild.everyonePermissions.toString(),
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: guild.channels.map(({ guild_id: _, ...c }) => c),
    threads: guild.threads,
    members: [
      { user: bot, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageSpec {
  id?: string;
  channelId: string;
  guildId?: string | null;
  /** Discord sends the channel's type with each message (1 for DMs). */
  channelType?: ChannelType;
  author: WireUser;
  content: string;
  mentions?: WireUser[];
  /** The message this one replies to (its full object, as Discord sends it). */
  replyTo?: Record<string, unknown> & { id: string; channel_id: string; author: WireUser };
}

/** A MESSAGE_CREATE payload. */
export function makeMessage(spec: MessageSpec): Record<string, unknown> {
  const reply = spec.replyTo;
  return {
    id: spec.id ?? snowflake(),
    channel_id: spec.channelId,
    channel_type: spec.channelType ?? (spec.guildId ? ChannelType.GuildText : ChannelType.DM),
    ...(spec.guildId
      ? {
          guild_id: spec.guildId,
          member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
        }
      : {}),
    author: spec.author,
    content: spec.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: spec.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    type: reply ? 19 : 0,
    ...(reply
      ? {
          message_reference: {
            type: 0,
            message_id: reply.id,
            channel_id: reply.channel_id,
            ...(spec.guildId ? { guild_id: spec.guildId } : {}),
          },
          referenced_message: reply,
        }
      : {}),
  };
}
