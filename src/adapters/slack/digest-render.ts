/**
 * @module adapters/slack/digest-render
 * A Digest as Block Kit: a heading, then per story its linked headline, summary, key facts and any
 * disagreement with [n] markers, the outlets, and the numbered sources. Article text is always escaped.
 */
import type { Digest, Story } from '../../core/digest/digest.js';
import {
  citationsByArticle,
  digestHeading,
  emptyDigestText,
  outletLine,
} from '../../core/digest/render-digest-text.js';
import { type Block, context, divider, type SlackReply, sections } from './blocks.js';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';
import { formatPublished } from './render-source-line.js';

export interface DigestRenderOptions {
  /** The line shown when the digest has no stories; default "Nothing new since …". */
  emptyText?: string;
}

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function renderDigest(digest: Digest, options: DigestRenderOptions = {}): SlackReply {
  if (digest.stories.length === 0) {
    const text = escapeMrkdwn(options.emptyText ?? emptyDigestText(digest));
    return { text, blocks: sections(text) };
  }
  const heading = escapeMrkdwn(digestHeading(digest));
  const blocks: Block[] = [...sections(`:newspaper: *${heading}*`)];
  digest.stories.forEach((story, i) => {
    blocks.push(divider(), ...storyBlocks(story, i + 1));
  });
  if (digest.more > 0) {
    blocks.push(
      divider(),
      context(`…and ${digest.more} more — try \`/brief search ${escapeMrkdwn('<terms>')}\``),
    );
  }
  const headlines = digest.stories.map((s) => escapeMrkdwn(s.headline)).join(' · ');
  return { blocks, text: `${heading}: ${headlines}` };
}

function storyBlocks(story: Story, position: number): Block[] {
  const lines = [
    `*${position}. ${mrkdwnLink(centralUrl(story), story.headline)}*${story.updated ? ' _(updated)_' : ''}`,
  ];
  if (story.summary.trim() !== '') lines.push(escapeMrkdwn(story.summary.trim()));
  for (const fact of story.facts) {
    // The disagreement's own side may already be a fact; the core then leaves an empty placeholder.
    if (fact.text.trim() === '') continue;
    lines.push(`• ${escapeMrkdwn(fact.text.trim())} ${markers(fact.citations)}`.trimEnd());
  }
  if (story.disagreement) lines.push(`:warning: ${escapeMrkdwn(story.disagreement)}`);
  const sources = citationsByArticle(story).map((group) => {
    const [first] = group;
    if (!first) return '';
    const outlet = first.source ? escapeMrkdwn(first.source) : 'outlet unknown';
    return `*${markers(group.map((c) => c.n))}* ${mrkdwnLink(first.url, first.title)} · _${outlet} · ${formatPublished(first.publishedAt)}_`;
  });
  return [
    ...sections(lines.join('\n')),
    context(`${escapeMrkdwn(outletLine(story))} · newest ${formatNewest(story.latestAt)}`),
    ...sections(`*Sources*\n${sources.filter((line) => line !== '').join('\n')}`),
  ];
}

/** The headline is the most central article's title, so that article's URL is the story's link. */
function centralUrl(story: Story): string | null {
  return story.citations.find((c) => c.title === story.headline && c.url)?.url ?? null;
}

function markers(numbers: number[]): string {
  return numbers.map((n) => `[${n}]`).join('');
}

function formatNewest(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'date unknown' : `${TIME_FORMAT.format(date)} UTC`;
}
