/**
 * @module adapters/discord/testing/interaction-payloads
 * INTERACTION_CREATE payloads as Discord sends them: `/brief` commands, their autocomplete, and
 * button clicks, in a guild channel, a thread or a DM.
 */
import { InteractionType } from 'discord.js';
import { ALL_TEXT_PERMISSIONS, snowflake, type WireChannel, type WireUser } from './discord-payloads.js';

export interface InteractionSpec {
  applicationId: string;
  user: WireUser;
  channel: WireChannel;
  guildId?: string | null;
  /** What the app may do in the channel (`app_permissions`). */
  appPermissions?: bigint;
  /** What the person may do in the channel (`member.permissions`); default: post text, nothing more. */
  memberPermissions?: bigint;
}

function interactionBase(spec: InteractionSpec, type: InteractionType) {
  const inGuild = Boolean(spec.guildId);
  return {
    id: snowflake(),
    application_id: spec.applicationId,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    channel: spec.channel,
    channel_id: spec.channel.id,
    ...(inGuild
      ? {
          guild_id: spec.guildId,
          member: {
            user: spec.user,
            roles: [],
            joined_at: new Date(0).toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
            permissions: (spec.memberPermissions ?? ALL_TEXT_PERMISSIONS).toString(),
          },
        }
      : { user: spec.user }),
    app_permissions: (spec.appPermissions ?? ALL_TEXT_PERMISSIONS).toString(),
    locale: 'en-US',
    ...(inGuild ? { guild_locale: 'en-US' } : {}),
    entitlements: [],
    authorizing_integration_owners: { '0': spec.guildId ?? spec.user.id },
    context: inGuild ? 0 : 1,
  };
}

export type OptionValue = string | number | boolean;

/** A `/brief <subcommand>` chat input interaction; `focused` makes it an autocomplete request. */
export function makeBriefInteraction(
  spec: InteractionSpec & { subcommand: string; options?: Record<string, OptionValue>; focused?: string },
) {
  const type = spec.focused
    ? InteractionType.ApplicationCommandAutocomplete
    : InteractionType.ApplicationCommand;
  const options = Object.entries(spec.options ?? {}).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3,
    value,
    ...(spec.focused === name ? { focused: true } : {}),
  }));
  return {
    ...interactionBase(spec, type),
    data: {
      id: 'brief-command-id',
      name: 'brief',
      type: 1,
      ...(spec.guildId ? { guild_id: spec.guildId } : {}),
      options: [{ type: 1, name: spec.subcommand, options }],
    },
  };
}

/** A click on a button of `message` (a message object as the REST API returned it). */
export function makeButtonClick(
  spec: InteractionSpec & { customId: string; message: Record<string, unknown> },
) {
  return {
    ...interactionBase(spec, InteractionType.MessageComponent),
    message: spec.message,
    data: { custom_id: spec.customId, component_type: 2 },
  };
}
