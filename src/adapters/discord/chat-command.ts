/**
 * @module adapters/discord/chat-command
 * Runs one `/brief <subcommand>`: quick refusals (permissions, limits, rate) ephemerally, then
 * `deferReply` well inside Discord's 3 s, then the subcommand's slow work (a model's partial text shows
 * as a draft in the deferred reply), then the reply, which replaces the draft.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import { BriefError } from '../../core/errors.js';
import { type SharePart, shareButtonId } from './button-ids.js';
import { conversationKeyFor, rootFor } from './conversation-keys.js';
import { deliverToInteraction, tellInteraction } from './deliver.js';
import type { DiscordRuntime } from './discord-deps.js';
import { logFailure, toBriefError, userLine } from './discord-errors.js';
import { createInteractionDraft } from './draft-reply.js';
import { missingPermissionLine, missingPermissions } from './permissions.js';
import { placeOfInteraction } from './places.js';
import type { BriefSubcommand, DiscordReply, SubcommandInput } from './subcommand.js';

export async function handleChatCommand(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const { logger } = rt.deps;
  const name = interaction.options.getSubcommand(false);
  const sub = name === null ? undefined : rt.subcommands.get(name);
  const where = {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    subcommand: name,
  };
  if (!sub) {
    logger.warn('discord unknown subcommand', { code: 'bad_request', ...where });
    await tellInteraction(
      interaction,
      'That command is out of date here; ask an admin to run `brief discord:register`.',
    );
    return;
  }
  const place = placeOfInteraction(interaction);
  const root = rootFor(place, interaction.id);
  const draft = createInteractionDraft(interaction, { clock: rt.deps.clock, logger });
  const input: SubcommandInput = {
    interaction,
    userId: interaction.user.id,
    conversationKey: conversationKeyFor(place, root),
    conversationRoot: root,
    onProgress: draft.progress,
  };
  try {
    await refuseEarly(rt, sub, input, place.threadParentId !== null);
    await interaction.deferReply(sub.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
    const reply = await sub.run(input);
    await draft.settle();
    await deliverToInteraction(
      interaction,
      sub.shareable && sub.visibility === 'ephemeral' ? withShareButton(reply) : reply,
    );
  } catch (caught) {
    const error = toBriefError(caught);
    logFailure(logger, `discord /brief ${sub.name} failed`, error, { ...where, drafts: draft.drafts() });
    await draft.settle(); // the failure line replaces the draft, never the other way round
    await tellInteraction(interaction, userLine(error)).catch((e: unknown) =>
      logFailure(logger, 'discord could not tell the user', toBriefError(e), where),
    );
  }
}

/** Throws a BriefError with the person's message when the command cannot run here or now. */
async function refuseEarly(
  rt: DiscordRuntime,
  sub: BriefSubcommand,
  input: SubcommandInput,
  inThread: boolean,
): Promise<void> {
  const { interaction } = input;
  if (sub.visibility === 'public' && interaction.inGuild()) {
    const missing = missingPermissions(interaction.appPermissions, { inThread, asReply: false });
    if (missing.length > 0) {
      throw new BriefError('delivery', missingPermissionLine(missing));
    }
  }
  sub.validate?.(input);
  if (sub.rateLimited) {
    const decision = await rt.limiter.check(`discord:${input.userId}`);
    if (!decision.allowed) throw rateLimitError(decision.retryAfterSeconds);
  }
}

export function rateLimitError(retryAfterSeconds: number): BriefError {
  return new BriefError(
    'rate_limited',
    `You're asking faster than I can keep up with: please wait ${retryAfterSeconds} s and try again.`,
  );
}

/**
 * Share reposts the message its button is on, and an ephemeral reply's other messages cannot be read
 * back later: a reply of several messages gets a button on each, saying which part it shares.
 */
function withShareButton(reply: DiscordReply): DiscordReply {
  const of = reply.messages.length;
  const messages = reply.messages.map((m, i) => ({
    ...m,
    components: [...(m.components ?? []), shareRow(of > 1 ? { index: i + 1, of } : null)],
  }));
  return { ...reply, messages };
}

function shareRow(part: SharePart | null): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: part === null ? 'Share in channel' : `Share part ${part.index} of ${part.of} in channel`,
        custom_id: shareButtonId(part),
      },
    ],
  };
}
