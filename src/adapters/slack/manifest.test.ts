/**
 * @module adapters/slack/manifest.test
 * The committed Slack app manifest grants everything the adapter uses: events, scopes, /brief, interactivity.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from './slash-router.js';

const manifest = readFileSync(new URL('../../../slack/manifest.yaml', import.meta.url), 'utf8');

/** The `- item` lines right under `key:` (comments stripped): enough YAML for a list of strings. */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s*-\s+([^#\s]+)/.exec(line);
    if (!item) break;
    items.push(item[1] ?? '');
  }
  return items;
}

/** Every Web API method the adapter calls, and the bot scope it needs. */
const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'users.info': 'users:read',
  // views.publish (the Home tab) needs no scope beyond the bot token.
  // A digest retry reads the channel for the digest's metadata (public and private channels).
  'conversations.history': 'channels:history',
  'conversations.history (private)': 'groups:history',
};

/** conversations.info needs the read scope of each kind of conversation `/brief subscribe` can run in. */
const CONVERSATIONS_INFO_SCOPES = ['channels:read', 'groups:read', 'im:read', 'mpim:read'];

describe('slack/manifest.yaml', () => {
  it('subscribes to every event the adapter handles', () => {
    expect(listUnder('bot_events').sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ]);
  });

  it('grants a scope for every event and Web API method the adapter uses', () => {
    const scopes = listUnder('bot');
    const needed = [
      'app_mentions:read',
      'commands',
      'im:history',
      'channels:history',
      'groups:history',
      'mpim:history',
      ...Object.values(METHOD_SCOPES),
      ...CONVERSATIONS_INFO_SCOPES,
    ];
    for (const scope of needed) expect(scopes).toContain(scope);
  });

  it('declares the slash command, interactivity, DMs and Socket Mode', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/messages_tab_enabled: true\n\s+messages_tab_read_only_enabled: false/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });
});
