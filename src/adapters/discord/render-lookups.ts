/**
 * @module adapters/discord/render-lookups
 * Search results, corpus statistics and help as Discord embeds, split to fit Discord's limits.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../../core/ports.js';
import type { SearchResult } from '../../core/search-result.js';
import { embedLength, LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
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
  const fields = results.map((r, i) => searchField(r, i + 1));
  // Ten results with long links and snippets pass Discord's 6,000 characters of embeds per message:
  // a new embed starts before that, and packing spreads the embeds over messages.
  const embeds: APIEmbed[] = [];
  let current: APIEmbed | null = null;
  for (const field of fields) {
    const fieldLength = field.name.length + field.value.length;
    if (
      current === null ||
      (current.fields?.length ?? 0) >= LIMITS.embedFields ||
      embedLength(current) + fieldLength > LIMITS.embedsTotal
    ) {
      current = { color: COLOURS.lookup, ...(embeds.length === 0 ? { title } : {}), fields: [] };
      embeds.push(current);
    }
    current.fields?.push(field);
  }
  return packEmbeds(embeds).map((group) => ({ embeds: group }));
}

/** What a linked title may take of a field, so that the snippet (about 240 characters) always shows. */
const LINK_SHARE = LIMITS.fieldValue - 300;

function searchField(result: SearchResult, n: number): APIEmbedField {
  const name = truncate(
    `${n}. ${outletName(result.source)} · ${formatDate(result.publishedAt)}`,
    LIMITS.fieldName,
  );
  let link = linkedTitle(result.title, result.url);
  if (link.length > LINK_SHARE) link = linkedTitle(result.title, result.url, 80);
  if (link.length > LINK_SHARE) link = linkedTitle(result.title, null, 120);
  const snippet = truncate(plain(result.snippet), LIMITS.fieldValue - link.length - 1);
  return { name, value: `${link}\n${snippet}` };
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
