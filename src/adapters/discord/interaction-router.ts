/**
 * @module adapters/discord/interaction-router
 * Sends each interaction to its handler: `/brief` commands, their autocomplete, and button clicks.
 * Nothing escapes: every failure is logged and, where Discord still allows it, told to the person.
 */
import type { AutocompleteInteraction, Interaction } from 'discord.js';
import { handleButton } from './button-handler.js';
import { handleChatCommand } from './chat-command.js';
import { COMMAND_NAME } from './command-definition.js';
import { tellInteraction } from './deliver.js';
import type { DiscordRuntime } from './discord-deps.js';
import { logFailure, toBriefError } from './discord-errors.js';
import { LIMITS, truncate } from './discord-limits.js';

export async function routeInteraction(rt: DiscordRuntime, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      await handleChatCommand(rt, interaction);
    } else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
      await handleAutocomplete(rt, interaction);
    } else if (interaction.isButton()) {
      await handleButton(rt, interaction);
    } else if (interaction.isRepliable()) {
      rt.deps.logger.warn('discord unexpected interaction', { code: 'bad_request', type: interaction.type });
      await tellInteraction(interaction, 'I do not know that command; try `/brief help`.');
    }
  } catch (caught) {
    logFailure(rt.deps.logger, 'discord interaction failed', toBriefError(caught), {
      interactionId: interaction.id,
    });
  }
}

async function handleAutocomplete(rt: DiscordRuntime, interaction: AutocompleteInteraction): Promise<void> {
  const name = interaction.options.getSubcommand(false);
  const sub = name === null ? undefined : rt.subcommands.get(name);
  let choices: { name: string; value: string | number }[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    choices = (await sub?.autocomplete?.({ interaction, focused })) ?? [];
  } catch (caught) {
    logFailure(rt.deps.logger, 'discord autocomplete failed', toBriefError(caught), { subcommand: name });
  }
  // One empty name or value (an outlet called "") makes Discord refuse every choice: leave it out.
  const offered = choices
    .filter((c) => c.name.trim() !== '' && (typeof c.value !== 'string' || c.value.trim() !== ''))
    .slice(0, LIMITS.choices);
  await interaction.respond(
    offered.map((c) => ({
      name: truncate(c.name, LIMITS.choiceName),
      value: typeof c.value === 'string' ? truncate(c.value, LIMITS.choiceName) : c.value,
    })),
  );
}
