/**
 * @module adapters/discord/render-lookups
 * Search results, corpus statistics and help as Discord embeds, split to fit Discord's limits.
 */
import type { APIEmbed } from 'discord.js';
import type { CorpusStats } from '../../core/ports.js';
import type { SearchResult } from '../../core/search-result.js';
import { LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
import { COLOURS, formatDate, linkedTitle, outletName, plain } from './render-parts.js';
import type { BriefSubcommandDefinition, OutgoingMessage } from './subcommand.js';

export function renderSearch(
  terms: string,
  outlet: string | null,
  results: readonly SearchResult[],
): OutgoingMessage[] {
  const title = truncate(
    `Search: “${plain(terms)}”${outlet ? ` in ${plain(outlet)}` : ''}`,
    LIMITS.embedTitle,
  );
  if (results.length === 0) {
    const hint =
      'No article matches. Try fewer or other words, or see what I have read with `/brief sources`.';
    return [{ embeds: [{ color: COLOURS.abstention, title, description: hint }] }];
  }
  const fields = results.map((r, i) => {
    const name = truncate(
      `${i + 1}. ${outletName(r.source)} · ${formatDate(r.publishedAt)}`,
      LIMITS.fieldName,
    );
    const link = linkedTitle(r.title, r.url);
    const snippet = truncate(plain(r.snippet), LIMITS.fieldValue - link.length - 1);
    return { name, value: `${link}\n${snippet}` };
  });
  const embeds: APIEmbed[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.embedFields) {
    embeds.push({
      color: COLOURS.lookup,
      ...(i === 0 ? { title } : {}),
      fields: fields.slice(i, i + LIMITS.embedFields),
    });
  }
  return packEmbeds(embeds).map((group) => ({ embeds: group }));
}

export function renderSources(stats: CorpusStats): OutgoingMessage[] {
  const lines = [
    `**${stats.articles}** article${stats.articles === 1 ? '' : 's'}, **${stats.passages}** passages.`,
    stats.publishedRange
      ? `Published ${formatDate(stats.publishedRange.from)} to ${formatDate(stats.publishedRange.to)}.`
      : 'No article gives a publication date.',
    stats.lastIngestedAt ? `Last updated ${formatDate(stats.lastIngestedAt)}.` : 'Nothing has been read yet.',
  ];
  const outlets = stats.outlets.map((o) => `• ${outletName(o.source)}: ${o.articles}`).join('\n');
  const embeds: APIEmbed[] = [
    { color: COLOURS.lookup, title: 'What I have read', description: lines.join('\n') },
  ];
  splitText(outlets, LIMITS.fieldValue).forEach((value, i) => {
    if (value === '') return;
    embeds.push({
      color: COLOURS.lookup,
      fields: [{ name: i === 0 ? 'Outlets' : 'Outlets (continued)', value }],
    });
  });
  return packEmbeds(embeds).map((group) => ({ embeds: group }));
}

export function renderHelp(
  subcommands: readonly BriefSubcommandDefinition[],
  botMention: string,
): OutgoingMessage[] {
  const commands = subcommands.map((s) => {
    const options = (s.options ?? []).map((o) => (o.required ? ` ${o.name}:` : ` [${o.name}:]`)).join('');
    return `\`/brief ${s.name}${options}\` ${s.description}`;
  });
  const description = [
    ...commands,
    '',
    `**Mention me** (${botMention} your question) or **send me a direct message** to ask in plain words.`,
    `**Follow up** by replying to one of my answers with ${botMention} in the reply, or keep asking in a thread: I remember the earlier questions there.`,
    'Answers quote their sources as [1], [2]…; 👍/👎 tell the operators whether they helped.',
  ].join('\n');
  return splitText(description, LIMITS.embedDescription).map((piece, i) => ({
    embeds: [{ color: COLOURS.lookup, ...(i === 0 ? { title: 'Briefbot help' } : {}), description: piece }],
  }));
}
