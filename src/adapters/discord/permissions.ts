/**
 * @module adapters/discord/permissions
 * The channel permissions a public answer needs, checked before any work so a missing one is told
 * to the person (ephemerally or by direct message) and logged instead of failing silently.
 */
import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';

const NAMES: ReadonlyMap<bigint, string> = new Map([
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
]);

/** What the invite link asks for: exactly what answering needs, nothing more (274877991936). */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The link a server admin opens to add the bot, with its slash commands and permissions. */
export function discordInviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: INVITE_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString().replace(/\+/g, '%20')}`;
}

export interface PostingNeeds {
  inThread: boolean;
  /** Replying to a message needs Read Message History. */
  asReply: boolean;
}

/** Names of the permissions missing for posting an answer; empty when all are there. */
export function missingPermissions(granted: Readonly<PermissionsBitField>, needs: PostingNeeds): string[] {
  const required = [
    PermissionFlagsBits.ViewChannel,
    needs.inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.EmbedLinks,
    ...(needs.asReply ? [PermissionFlagsBits.ReadMessageHistory] : []),
  ];
  return required.filter((flag) => !granted.has(flag)).map((flag) => NAMES.get(flag) ?? String(flag));
}

/** True when the bot can post plain text (though maybe not embeds) in the channel. */
export function canPostText(granted: Readonly<PermissionsBitField>, inThread: boolean): boolean {
  const send = inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return granted.has(PermissionFlagsBits.ViewChannel) && granted.has(send);
}

/** The line a person sees: what is missing and who can fix it. */
export function missingPermissionLine(missing: readonly string[], where = 'this channel'): string {
  const list =
    missing.length === 1
      ? `the **${missing[0]}** permission`
      : `these permissions: **${missing.join('**, **')}**`;
  return `I can't post answers in ${where}: I'm missing ${list}. Ask a server admin to grant them to my role, or ask me somewhere else.`;
}
