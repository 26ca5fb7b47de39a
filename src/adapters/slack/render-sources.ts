/**
 * @module adapters/slack/render-sources
 * What the bot knows, as Block Kit: how many articles from which outlets, the dates they span and
 * when the last one arrived.
 */
import type { CorpusStats } from '../../core/ports.js';
import { type SlackReply, sections } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { formatPublished } from './render-source-line.js';

export function renderSources(stats: CorpusStats): SlackReply {
  if (stats.articles === 0) {
    const text = ':books: I have no articles yet, so I cannot answer questions. Ask an admin to ingest some.';
    return { blocks: sections(text), text: text };
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const named = stats.outlets.filter((o) => o.source !== null).length;
  const lines = [
    `:books: *${plural(stats.articles, 'article')}* (${plural(stats.passages, 'passage')}) from ${plural(named, 'named outlet')}.`,
    stats.publishedRange
      ? `Published ${formatPublished(stats.publishedRange.from)} – ${formatPublished(stats.publishedRange.to)}.`
      : 'No article has a known publication date.',
    `Last ingested: ${stats.lastIngestedAt ? formatPublished(stats.lastIngestedAt) : 'never'}.`,
  ];
  const outlets = [...stats.outlets]
    .sort((a, b) => b.articles - a.articles)
    .map(
      (o) => `• ${o.source ? escapeMrkdwn(o.source) : '_outlet unknown_'} — ${plural(o.articles, 'article')}`,
    );
  const blocks = [...sections(lines.join('\n')), ...sections(`*Outlets*\n${outlets.join('\n')}`)];
  return { blocks: blocks, text: lines[0] ?? '' };
}
