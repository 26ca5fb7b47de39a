/**
 * @module adapters/discord/testing/guild-harness
 * A running bot in one guild with a text channel and two threads, plus helpers for the message
 * tests: say something as a person, mention the bot, wait for the bot's reply to a message.
 */
import { type Harness, type HarnessOptions, startHarness } from './bot-harness.js';
import {
  ALL_TEXT_PERMISSIONS,
  type GuildSpec,
  type MessageSpec,
  makeGuildSpec,
  makeTextChannel,
  makeThread,
  makeUser,
  type WireChannel,
  type WireUser,
} from './discord-payloads.js';

/** A message the bot posted, as the fake stored it. */
export type PostedMessage = Record<string, unknown> & {
  id: string;
  channel_id: string;
  author: WireUser;
  content: string;
  embeds: { title?: string; description?: string }[];
  message_reference?: { message_id: string };
};

export interface GuildHarnessOptions extends HarnessOptions {
  /** What @everyone (and so the bot) may do guild-wide. */
  everyone?: bigint;
  /** What the text channel takes away from @everyone. */
  channelDeny?: bigint;
}

export interface GuildHarness extends Harness {
  guild: GuildSpec;
  channel: WireChannel;
  thread: WireChannel;
  otherThread: WireChannel;
  /** The person asking. */
  user: WireUser;
  /** `<@bot> text` */
  mention(text: string): string;
  /** A message from `user` (or `spec.author`) in the guild; mentions the bot when the text does. */
  say(
    channelId: string,
    content: string,
    spec?: Partial<MessageSpec>,
  ): Record<string, unknown> & { id: string };
  /** Waits for the bot's message replying to `messageId`. */
  replyTo(messageId: string): Promise<PostedMessage>;
}

export async function startGuildHarness(options: GuildHarnessOptions = {}): Promise<GuildHarness> {
  const guild = makeGuildSpec({ everyonePermissions: options.everyone ?? ALL_TEXT_PERMISSIONS });
  const deny = (options.channelDeny ?? 0n).toString();
  const channel = makeTextChannel(guild.id, {
    permission_overwrites: [{ id: guild.id, type: 0, allow: '0', deny }],
  });
  const thread = makeThread(guild.id, channel.id);
  const otherThread = makeThread(guild.id, channel.id);
  guild.channels = [channel];
  guild.threads = [thread, otherThread];
  const h = await startHarness({ guilds: [guild], ...options });
  const user = makeUser();
  const bot = h.fake.bot;
  const posted = (match: (m: PostedMessage) => boolean): PostedMessage => {
    const all = [...h.fake.state.messages.values()].flatMap((c) => [...c.values()]) as PostedMessage[];
    const found = all.find((m) => m.author.id === bot.id && match(m));
    if (!found) throw new Error('no such bot message');
    return found;
  };
  return {
    ...h,
    guild,
    channel,
    thread,
    otherThread,
    user,
    mention: (text) => `<@${bot.id}> ${text}`,
    say: (channelId, content, spec = {}) =>
      h.fake.sendMessage({
        channelId,
        guildId: guild.id,
        author: user,
        content,
        mentions: content.includes(`<@${bot.id}>`) ? [bot] : [],
        ...spec,
      }) as Record<string, unknown> & { id: string },
    replyTo: async (messageId) => {
      const isReply = (body: Record<string, unknown>) =>
        (body.message_reference as { message_id?: string } | undefined)?.message_id === messageId;
      await h.fake.waitForRequest((r) => r.method === 'POST' && r.status === 200 && isReply(r.body));
      return posted((m) => m.message_reference?.message_id === messageId);
    },
  };
}
