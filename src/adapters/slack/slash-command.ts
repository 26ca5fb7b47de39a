/**
 * @module adapters/slack/slash-command
 * The shape of a `/brief` subcommand. The router is a table of these: a new subcommand (digest,
 * subscribe…) is one more entry, passed to `startSlack` as `extraCommands`.
 */
import type { SlackReply } from './blocks.js';

export interface RespondOptions {
  /** Everyone in the channel sees it; default: only the person who ran the command. */
  inChannel?: boolean;
  /** Adds a "Share in channel" button to a private reply. */
  shareable?: boolean;
}

/** Sends a reply to the person who ran the command. A string is sent as plain, escaped text. */
export type SlashRespond = (reply: SlackReply | string, options?: RespondOptions) => Promise<void>;

export interface SlashInvocation {
  /** Everything after the subcommand's name, trimmed (`/brief ask How big?` → `How big?`). */
  args: string;
  userId: string;
  teamId: string;
  channelId: string;
  respond: SlashRespond;
  /**
   * Whether the person is a workspace admin or owner (`users.info`, scope `users:read`); looked up on the
   * first call only. Throws DeliveryError when Slack cannot say.
   */
  isAdmin(): Promise<boolean>;
  /**
   * Whether the bot is a member of the channel, so that it may post there (`conversations.info`, scopes
   * `channels:read`, `groups:read`, `im:read`, `mpim:read`); looked up on the first call only. A channel
   * Slack does not show the bot (a private one it was not invited to) counts as not a member. Throws
   * DeliveryError when Slack cannot say.
   */
  botInChannel(): Promise<boolean>;
}

export interface SlashSubcommand {
  /** One lower-case word: `ask`. */
  name: string;
  /** How to call it, without `/brief`: `ask <question>`. */
  usage: string;
  /** One line for the help: what it does. */
  description: string;
  /** A complete example, without `/brief`: `ask How big is the AWS deal?`. */
  example: string;
  /** Shown at once as the 3-second acknowledgement when the work may take a while. */
  progress?: string;
  /** Does the work and responds; may throw a BriefError, whose message the router turns into a short reply. */
  handler(invocation: SlashInvocation): Promise<void>;
}

/** Splits `/brief` text into the subcommand name (lower case) and the rest. */
export function parseSlashText(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return match
    ? { name: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() }
    : { name: '', args: '' };
}
