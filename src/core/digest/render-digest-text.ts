/**
 * @module core/digest/render-digest-text
 * A digest as plain text (console, CLI, and the text fallback of chat messages): numbered stories with
 * outlets, summary, key facts with [n] markers, any disagreement, and the sources list.
 */
import type { Digest, Story } from './digest.js';

export function outletLine(story: Story): string {
  const count = story.articleIds.length;
  const joined = new Set(story.newOutlets);
  // An updated story says who joined it since the last digest.
  const names = story.outlets.map((name) => (joined.has(name) ? `${name} (new)` : name));
  if (story.unknownOutlets > 0) names.push(`${story.unknownOutlets} unnamed`);
  return `${count} source${count === 1 ? '' : 's'}: ${names.join(', ')}`;
}

export function digestHeading(digest: Digest): string {
  const topic = digest.topic ? ` on "${digest.topic}"` : '';
  const count = digest.stories.length + digest.more;
  return `News digest${topic}: ${count} stor${count === 1 ? 'y' : 'ies'} since ${formatTime(digest.window.from)}`;
}

export function emptyDigestText(digest: Digest): string {
  const topic = digest.topic ? ` about "${digest.topic}"` : '';
  return `Nothing new${topic} since ${formatTime(digest.window.from)}.`;
}

export function moreText(digest: Digest): string | null {
  return digest.more > 0 ? `…and ${digest.more} more. Use /brief search <terms> to find them.` : null;
}

export function renderDigestText(digest: Digest): string {
  if (digest.stories.length === 0) return emptyDigestText(digest);
  const parts = [digestHeading(digest)];
  digest.stories.forEach((story, i) => {
    const lines = [
      `${i + 1}. ${story.headline}${story.updated ? ' (updated)' : ''}`,
      `   ${outletLine(story)}`,
    ];
    lines.push(`   ${story.summary}`);
    for (const fact of story.facts) {
      if (fact.text) lines.push(`   • ${fact.text} ${fact.citations.map((n) => `[${n}]`).join('')}`);
    }
    if (story.disagreement) lines.push(`   ⚠ ${story.disagreement}`);
    lines.push('   Sources:');
    for (const group of citationsByArticle(story)) {
      const first = group[0] as Story['citations'][number];
      const numbers = group.map((c) => `[${c.n}]`).join('');
      lines.push(
        `   ${numbers} ${first.title} (${first.source ?? 'outlet unknown'}, ${first.publishedAt?.slice(0, 10) ?? 'date unknown'})`,
      );
    }
    parts.push(lines.join('\n'));
  });
  const more = moreText(digest);
  if (more) parts.push(more);
  return parts.join('\n\n');
}

/** A story's citations grouped by article, in order of first citation: one source line per article. */
export function citationsByArticle(story: Story): Story['citations'][] {
  const groups = new Map<string, Story['citations']>();
  for (const c of story.citations) groups.set(c.articleId, [...(groups.get(c.articleId) ?? []), c]);
  return [...groups.values()];
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
