/**
 * @module adapters/discord/testing/rendered-markdown
 * How Discord would read a message's markdown, for tests: parsed with discord-markdown-parser (Discord's
 * simple-markdown rules), an independent reader of what is clickable and what text shows.
 */
import { parse } from 'discord-markdown-parser';

interface Node {
  type: string;
  content?: unknown;
  target?: string;
}

const LINK_TYPES = new Set(['link', 'url', 'autolink']);

function nodes(markdown: string): Node[] {
  return parse(markdown, 'extended') as Node[];
}

function walk(list: Node[], visit: (node: Node) => void): void {
  for (const node of list) {
    visit(node);
    if (Array.isArray(node.content)) walk(node.content as Node[], visit);
  }
}

/** The targets of every clickable link in `markdown` (masked links, bare URLs, `<autolinks>`). */
export function clickableLinks(markdown: string): string[] {
  const links: string[] = [];
  walk(nodes(markdown), (node) => {
    if (LINK_TYPES.has(node.type)) links.push(String(node.target));
  });
  return links;
}

/** The text a reader sees, formatting aside. */
export function shownText(markdown: string): string {
  let text = '';
  walk(nodes(markdown), (node) => {
    if (typeof node.content === 'string') text += node.content;
  });
  return text;
}

/** Every text of an embed that Discord renders as markdown. */
export function embedTexts(embed: {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}): string[] {
  return [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text ?? '',
  ];
}
