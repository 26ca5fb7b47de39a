import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';

describe('loadConfig', () => {
  it('applies defaults and treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', BRIEF_DATA_DIR: '' });
    expect(config).toMatchObject({
      PORT: 3000,
      DISCORD_MESSAGE_CONTENT: false,
    });
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    // Unset paths are the package's own (paths.ts), not folders of the working directory.
    expect(config.BRIEF_DATA_DIR).toBeUndefined();
    expect(config.BRIEF_SEEDS_DIR).toBeUndefined();
  });

  it('reports every problem at once, with the key and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        BRIEF_LOG_LEVEL: 'loud',
        SLACK_API_URL: 'ftp://x',
        SLACK_BOT_TOKEN: 'xoxb-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT must be a whole number \(got "eighty"\)/);
    expect(problems).toMatch(/BRIEF_LOG_LEVEL must be debug, info, warn or error/);
    expect(problems).toMatch(/SLACK_API_URL must be an http\(s\) URL/);
    expect(problems).toMatch(/SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN/);
  });

  it('reads HOST beside PORT: unset listens on all interfaces, a bad one is reported', () => {
    expect(loadConfig({}).HOST).toBeUndefined();
    expect(loadConfig({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: 'http://x/' })).toThrow(/HOST must be an IP address or host name/);
  });

  it('reads BRIEF_FEEDS and BRIEF_FEED_EVERY, refusing a non-URL and an interval out of range', () => {
    expect(loadConfig({})).toMatchObject({ BRIEF_FEEDS: [], BRIEF_FEED_EVERY: 900_000 });
    const config = loadConfig({
      BRIEF_FEEDS: 'https://a.example/rss, https://b.example/atom https://c.example/j',
      BRIEF_FEED_EVERY: '1h',
    });
    expect(config.BRIEF_FEEDS).toEqual([
      'https://a.example/rss',
      'https://b.example/atom',
      'https://c.example/j',
    ]);
    expect(config.BRIEF_FEED_EVERY).toBe(3_600_000);
    let error: unknown;
    try {
      loadConfig({ BRIEF_FEEDS: 'https://a.example/rss ftp://b.example/x', BRIEF_FEED_EVERY: '2m' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/BRIEF_FEEDS.*http\(s\) URLs/);
    expect(problems).toMatch(/BRIEF_FEED_EVERY.*from 5m to 24h/);
  });

  it('validates digest defaults: channels, time zone', () => {
    expect(loadConfig({ DIGEST_CHANNELS: 'slack:C1, discord:123' }).DIGEST_CHANNELS).toEqual([
      'slack:C1',
      'discord:123',
    ]);
    expect(() => loadConfig({ DIGEST_TZ: 'Mars/Base' })).toThrow(/DIGEST_TZ must be an IANA time zone/);
    expect(() => loadConfig({ DIGEST_CHANNELS: 'teams:x' })).toThrow(
      /DIGEST_CHANNELS entries must look like slack:/,
    );
  });

  it('refuses a DIGEST_CRON that cannot schedule digests, saying why, before anything starts', () => {
    expect(loadConfig({ DIGEST_CRON: '30 7 * * 1-5' }).DIGEST_CRON).toBe('30 7 * * 1-5');
    expect(() => loadConfig({ DIGEST_CRON: '61 8 * * *' })).toThrow(/DIGEST_CRON is not usable: .*minute/);
    expect(() => loadConfig({ DIGEST_CRON: 'every morning' })).toThrow(
      /DIGEST_CRON is not usable: .*5 fields/,
    );
    expect(() => loadConfig({ DIGEST_CRON: '* * * * *' })).toThrow(
      /DIGEST_CRON is not usable: .*every 15 minutes/,
    );
  });

  it('requires the application id with a Discord token', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 'abc' })).toThrow(/DISCORD_APPLICATION_ID is required/);
  });

  it("reads Discord sharding: auto or a number of shards, and this machine's shard ids below it", () => {
    expect(loadConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    const split = loadConfig({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '2, 3' });
    expect([split.DISCORD_SHARDS, split.DISCORD_SHARD_IDS]).toEqual([4, [2, 3]]);
    expect(() => loadConfig({ DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS must be auto or a number/);
    expect(() => loadConfig({ DISCORD_SHARD_IDS: '0' })).toThrow(/DISCORD_SHARD_IDS needs DISCORD_SHARDS/);
    expect(() => loadConfig({ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '1,2' })).toThrow(
      /below DISCORD_SHARDS \(2\)/,
    );
  });

  it('accepts Socket Mode without a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe(
      'xapp-1',
    );
  });
});
