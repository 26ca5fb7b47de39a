/**
 * @module adapters/discord/subcommand
 * The `/brief` subcommand table's row type. Built-ins (ask, search, sources, help) and later ones
 * (digest, subscribe, ...) are rows; the router does the checks, deferring, sending and error handling.
 */
import type {
  APIActionRowComponent,
  APIApplicationCommandBasicOption,
  APIComponentInMessageActionRow,
  APIEmbed,
  ApplicationCommandOptionChoiceData,
  AutocompleteFocusedOption,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
} from 'discord.js';

/** One message the bot sends; the router adds `allowedMentions: { parse: [] }` and the flags. */
export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** What a subcommand answers: one or more messages, each within Discord's limits (see discord-limits). */
export interface DiscordReply {
  messages: OutgoingMessage[];
  /** Called once every message was delivered (e.g. to remember the conversation turn). */
  onDelivered?: () => void | Promise<void>;
}

/** The part of a subcommand that command registration needs: plain JSON, no dependencies. */
export interface BriefSubcommandDefinition {
  /** Lowercase, 1–32 characters: `/brief <name>`. */
  name: string;
  /** 1–100 characters, shown in Discord's command picker. */
  description: string;
  options?: APIApplicationCommandBasicOption[];
}

export interface SubcommandInput {
  interaction: ChatInputCommandInteraction;
  userId: string;
  /** Where a conversation started by this command lives (see conversation-keys). */
  conversationKey: string;
  /** The id later replies to the answer carry back, so follow-ups find this conversation. */
  conversationRoot: string;
  /**
   * Shows partial text of a slow answer (a model writing) as a draft in the deferred reply, paced;
   * the reply `run` returns replaces it. For `AskOptions.onProgress`.
   */
  onProgress(partialText: string): void;
}

export interface AutocompleteInput {
  interaction: AutocompleteInteraction;
  focused: AutocompleteFocusedOption;
}

/** A row of the `/brief` table: definition plus behaviour. */
export interface BriefSubcommand extends BriefSubcommandDefinition {
  /** 'public' answers in the channel (permissions checked first); 'ephemeral' only to the caller. */
  visibility: 'public' | 'ephemeral';
  /** Adds a Share button to ephemeral replies, which reposts them in the channel. */
  shareable?: boolean;
  /** Counts against the per-person rate limit (BRIEF_RATE_LIMIT_PER_MINUTE). */
  rateLimited?: boolean;
  /** Fast checks before deferring; throw a BadRequestError to refuse with its message, ephemerally. */
  validate?(input: SubcommandInput): void;
  /** The slow part, run after `deferReply`. Throw BriefErrors; the router tells the person. */
  run(input: SubcommandInput): Promise<DiscordReply>;
  /** Suggestions for the focused option (up to 25; names and values up to 100 characters). */
  autocomplete?(
    input: AutocompleteInput,
  ): ApplicationCommandOptionChoiceData[] | Promise<ApplicationCommandOptionChoiceData[]>;
}
