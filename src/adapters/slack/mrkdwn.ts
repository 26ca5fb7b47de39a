/**
 * @module adapters/slack/mrkdwn
 * Text in and out of Slack's mrkdwn: outgoing text is escaped so nothing from an article or a question
 * can ping anyone or inject markup; incoming text is decoded to the plain words the core reads.
 */

/** U+2060 WORD JOINER: invisible, and breaks Slack's `@name` linking when placed after the `@`. */
const WORD_JOINER = '\u2060';

/**
 * Escapes `&`, `<`, `>` as Slack requires and defuses `@channel`, `@here`, `@everyone` and any
 * `@name`, so `<!channel>`, `<@U123>` or `<!subteam^S1>` from untrusted text show as words and ping nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, `$1@${WORD_JOINER}`);
}

/** A mrkdwn link to an http(s) URL with escaped label, or just the escaped label for anything else. */
export function mrkdwnLink(url: string | null, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/** Prefixes every line with `> ` so the text shows as a quote. */
export function blockquote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * Turns a Slack message's text into what a person typed: removes the bot's own mention, turns
 * `<@U1|ann>` into `@ann`, `<#C1|news>` into `#news`, `<https://x|label>` into `label`, and decodes entities.
 */
export function toPlainText(text: string, botUserId?: string): string {
  const linked = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (botUserId && target === `@${botUserId}`) return ' ';
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return `@${label ?? 'group'}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
  return unescapeEntities(linked).replace(/\s+/g, ' ').trim();
}

/**
 * Slack sends `&`, `<` and `>` typed by a person as `&amp;`, `&lt;` and `&gt;` in every text, slash
 * commands included (whatever `should_escape` says, which is about mentions and links).
 */
export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Whether the raw Slack text mentions a user other than the bot. */
export function mentionsSomeoneElse(text: string, botUserId: string | undefined): boolean {
  for (const match of text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)) if (match[1] !== botUserId) return true;
  return false;
}

/** Whether the raw Slack text mentions the bot. */
export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`).test(text);
}
