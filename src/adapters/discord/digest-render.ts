/**
 * @module adapters/discord/digest-render
 * A Digest as Discord messages: the heading as text, then one embed per story (linked headline, summary
 * and key facts with [n] markers, any disagreement, outlets, newest time, numbered sources), split to fit.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Digest, Story } from '../../core/digest/digest.js';
import {
  citationsByArticle,
  digestHeading,
  emptyDigestText,
  outletLine,
} from '../../core/digest/render-digest-text.js';
import { embedLength, LIMITS, packEmbeds, splitText, truncate } from './discord-limits.js';
import { COLOURS, formatDate, linkedTitle, outletName, plain } from './render-parts.js';
import type { OutgoingMessage } from './subcommand.js';

export interface DigestRenderOptions {
  /** The line posted when the digest has no stories; default "Nothing new since …". */
  emptyText?: string;
}

/** Messages in posting order; the first carries the heading. Every one is within Discord's limits. */
export function renderDigest(digest: Digest, options: DigestRenderOptions = {}): OutgoingMessage[] {
  if (digest.stories.length === 0) {
    return [{ content: truncate(plain(options.emptyText ?? emptyDigestText(digest)), LIMITS.content) }];
  }
  const embeds = digest.stories.flatMap((story, i) => storyEmbeds(story, i + 1));
  if (digest.more > 0) {
    embeds.push({
      color: COLOURS.lookup,
      description: `…and ${digest.more} more — try \`/brief search\``,
    });
  }
  const heading = `📰 **${truncate(plain(digestHeading(digest)), LIMITS.content - 8)}**`;
  return packEmbeds(embeds).map((group, i) => ({ ...(i === 0 ? { content: heading } : {}), embeds: group }));
}

/** One embed, or more when the story's text or sources would not fit in one. */
function storyEmbeds(story: Story, position: number): APIEmbed[] {
  const color = story.disagreement ? COLOURS.disagreement : COLOURS.answer;
  const url = centralUrl(story);
  const first: APIEmbed = {
    color,
    title: truncate(
      `${position}. ${plain(story.headline)}${story.updated ? ' (updated)' : ''}`,
      LIMITS.embedTitle,
    ),
    ...(url ? { url } : {}),
  };
  const embeds = [first];
  let current = first;
  splitText(storyText(story), LIMITS.embedDescription).forEach((piece, i) => {
    if (i > 0) {
      current = { color };
      embeds.push(current);
    }
    if (piece !== '') current.description = piece;
  });
  for (const field of storyFields(story)) {
    const fields = current.fields ?? [];
    if (
      fields.length >= LIMITS.embedFields ||
      embedLength(current) + field.name.length + field.value.length > LIMITS.embedsTotal
    ) {
      current = { color, fields: [] };
      embeds.push(current);
    }
    current.fields = [...(current.fields ?? []), field];
  }
  return embeds;
}

/** Summary, key facts as bullets with their markers, and the disagreement, as inert text. */
function storyText(story: Story): string {
  const parts: string[] = [];
  if (story.summary.trim() !== '') parts.push(plain(story.summary));
  // The disagreement's own side may already be a fact; the core then leaves an empty placeholder.
  const facts = story.facts
    .filter((f) => f.text.trim() !== '')
    .map((f) => `• ${plain(f.text)} ${markers(f.citations)}`.trimEnd());
  if (facts.length > 0) parts.push(facts.join('\n'));
  if (story.disagreement) parts.push(`⚠️ ${plain(story.disagreement)}`);
  return parts.join('\n\n');
}

function storyFields(story: Story): APIEmbedField[] {
  const newest = Date.parse(story.latestAt);
  const fields: APIEmbedField[] = [
    { name: 'Outlets', value: truncate(plain(outletLine(story)), LIMITS.fieldValue), inline: true },
    {
      name: 'Newest',
      // Discord shows <t:…> in each reader's own time zone.
      value: Number.isNaN(newest) ? 'time unknown' : `<t:${Math.floor(newest / 1000)}:f>`,
      inline: true,
    },
  ];
  const lines = citationsByArticle(story).flatMap((group) => {
    const [head] = group;
    if (!head) return [];
    const line = `${markers(group.map((c) => c.n))} ${linkedTitle(head.title, head.url)} · ${truncate(outletName(head.source), 100)} · ${formatDate(head.publishedAt)}`;
    return [truncate(line, LIMITS.fieldValue)];
  });
  let value = '';
  const flush = () => {
    if (value === '') return;
    const continued = fields.some((f) => f.name === 'Sources');
    fields.push({ name: continued ? 'Sources (continued)' : 'Sources', value });
    value = '';
  };
  for (const line of lines) {
    if (value.length + 1 + line.length > LIMITS.fieldValue) flush();
    value = value === '' ? line : `${value}\n${line}`;
  }
  flush();
  return fields;
}

/** The headline is the most central article's title, so that article's URL is the story's link. */
function centralUrl(story: Story): string | null {
  const url = story.citations.find((c) => c.title === story.headline && c.url)?.url ?? null;
  return url !== null && /^https?:\/\//i.test(url) && url.length <= 2048 ? url : null;
}

function markers(numbers: readonly number[]): string {
  return numbers.map((n) => `[${n}]`).join('');
}
