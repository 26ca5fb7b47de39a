/**
 * @module adapters/discord/discord-limits
 * Discord's size limits and the splitting that keeps every message inside them: long text is cut at
 * sentence or word boundaries, embeds are spread over as many messages as needed.
 */
import type { APIEmbed } from 'discord.js';

export const LIMITS = {
  content: 2_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  /** Summed over every embed of one message. */
  embedsTotal: 6_000,
  embedsPerMessage: 10,
  choiceName: 100,
  choices: 25,
  customId: 100,
} as const;

/** Shortens `text` to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, max);
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then sentence, then word
 * boundaries; a single word longer than `max` is cut. Concatenating the pieces with single spaces or
 * newlines gives back the text's words in order.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = lastBoundary(window, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function lastBoundary(window: string, max: number): number {
  const minimum = Math.floor(max / 2);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph >= minimum) return paragraph;
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
  if (sentence >= minimum) return sentence + 1;
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'));
  if (space > 0) return space;
  return max;
}

/** The characters Discord counts toward the 6,000 per-message embed limit. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Groups embeds, in order, into messages of at most 10 embeds and 6,000 characters each. */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (
      current.length > 0 &&
      (current.length >= LIMITS.embedsPerMessage || size + length > LIMITS.embedsTotal)
    ) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
