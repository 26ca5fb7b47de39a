/**
 * @module adapters/slack/render-search
 * Search results as Block Kit: one numbered section per article with its best passage quoted.
 */
import type { SearchResponse } from '../../core/search-result.js';
import { type Block, type SlackReply, sections } from './blocks.js';
import { blockquote, escapeMrkdwn } from './mrkdwn.js';
import { sourceLine } from './render-source-line.js';
import { splitText } from './split-text.js';

export function renderSearch(response: SearchResponse): SlackReply {
  const terms = escapeMrkdwn(response.query);
  if (response.results.length === 0) {
    const text = `:mag: No articles match “${terms}”. Try fewer or different words, or \`/brief sources\` to see what I have.`;
    return { blocks: sections(text), text: text };
  }
  const count = response.results.length === 1 ? '1 article' : `${response.results.length} articles`;
  const heading = `:mag: *${count}* for “${terms}”`;
  const blocks: Block[] = [...sections(heading)];
  response.results.forEach((result, i) => {
    const [snippet = ''] = splitText(escapeMrkdwn(result.snippet), 1500);
    blocks.push(...sections(`*${i + 1}.* ${sourceLine(result)}${snippet ? `\n${blockquote(snippet)}` : ''}`));
  });
  return { blocks: blocks, text: heading };
}
