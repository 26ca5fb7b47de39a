/**
 * End-to-end tests of `brief alerts ...` through runCli on a SQLite store: the JSON shapes (in the
 * style of `brief feeds`), and bad input refused with one line and exit code 2, nothing stored altered.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

async function brief(args: string[], dataDir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  const code = await runCli(args, {
    env: { BRIEF_DATA_DIR: dataDir, BRIEF_LOG_LEVEL: 'error', DIGEST_TZ: 'Europe/Berlin' },
    stdout,
    stderr,
    stdin: new PassThrough(),
    cwd: PROJECT_ROOT,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ALERT_KEYS = [
  'id',
  'topic',
  'platform',
  'channelId',
  'workspaceId',
  'quiet',
  'timezone',
  'createdBy',
  'createdAt',
];

describe('brief alerts', () => {
  let dataDir: string;
  const list = async () => JSON.parse((await brief(['alerts', 'list', '--json'], dataDir)).stdout).alerts;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'brief-alerts-'));
  });

  it('adds, lists and removes alerts in the stable shapes', async () => {
    const added = await brief(
      [
        'alerts',
        'add',
        'AI',
        'chips',
        '--channel',
        'C0123',
        '--quiet',
        '22:00-07:00',
        '--tz',
        'America/New_York',
        '--json',
      ],
      dataDir,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const json = JSON.parse(added.stdout);
    expect(Object.keys(json)).toEqual(['alerts']);
    expect(Object.keys(json.alerts[0])).toEqual(ALERT_KEYS);
    expect(json.alerts[0]).toMatchObject({
      topic: 'AI chips',
      platform: 'slack',
      channelId: 'C0123',
      workspaceId: null,
      quiet: '22:00-07:00',
      timezone: 'America/New_York',
      createdBy: 'cli',
    });
    const discord = await brief(
      ['alerts', 'add', 'wingtech', '--channel', '998877', '--platform', 'discord', '--json'],
      dataDir,
    );
    // No --tz: DIGEST_TZ; no --quiet: none.
    expect(JSON.parse(discord.stdout).alerts[0]).toMatchObject({
      platform: 'discord',
      quiet: null,
      timezone: 'Europe/Berlin',
    });
    expect((await list()).map((a: { topic: string }) => a.topic)).toEqual(['AI chips', 'wingtech']);

    const text = await brief(['alerts', 'list'], dataDir);
    expect(text.stdout).toContain('"AI chips" → slack C0123 (quiet 22:00-07:00 America/New_York)');

    // By topic (case-insensitively), then by id.
    expect(JSON.parse((await brief(['alerts', 'remove', 'ai', 'CHIPS', '--json'], dataDir)).stdout)).toEqual({
      removed: 1,
    });
    const id = JSON.parse(discord.stdout).alerts[0].id;
    expect(JSON.parse((await brief(['alerts', 'remove', id, '--json'], dataDir)).stdout)).toEqual({
      removed: 1,
    });
    expect(JSON.parse((await brief(['alerts', 'remove', id, '--json'], dataDir)).stdout)).toEqual({
      removed: 0,
    });
    expect(await list()).toEqual([]);
    expect((await brief(['alerts', 'list'], dataDir)).stdout).toContain('No alerts yet');
  });

  it('updates the alert of the same channel and topic instead of adding a second', async () => {
    await brief(['alerts', 'add', 'chips', '--channel', 'C1', '--quiet', '22-7'], dataDir);
    const again = await brief(
      ['alerts', 'add', 'Chips', '--channel', 'C1', '--quiet', '23:30-06:00'],
      dataDir,
    );
    expect(again.stdout).toMatch(/^Updated: /);
    expect(await list()).toEqual([expect.objectContaining({ topic: 'chips', quiet: '23:30-06:00' })]);
  });

  it('removes a topic from one channel only with --channel', async () => {
    await brief(['alerts', 'add', 'chips', '--channel', 'C1'], dataDir);
    await brief(['alerts', 'add', 'chips', '--channel', 'C2'], dataDir);
    const removed = await brief(['alerts', 'remove', 'chips', '--channel', 'C2', '--json'], dataDir);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: 1 });
    expect((await list()).map((a: { channelId: string }) => a.channelId)).toEqual(['C1']);
  });

  it('refuses bad input with one line and exit code 2, and stores nothing', async () => {
    await brief(['alerts', 'add', 'chips', '--channel', 'C1'], dataDir);
    const before = await list();
    const cases: [string[], RegExp][] = [
      [
        ['alerts', 'add', 'tariffs', '--channel', 'C1', '--tz', 'Mars/Olympus'],
        /Unknown time zone "Mars\/Olympus"/,
      ],
      [
        ['alerts', 'add', 'tariffs', '--channel', 'C1', '--quiet', '25:00-07:00'],
        /quiet hours are two times/,
      ],
      [['alerts', 'add', 'tariffs', '--channel', 'C1', '--quiet', '07:00-07:00'], /start and end at once/],
      [['alerts', 'add', 'tariffs', '--channel', 'C1', '--quiet', 'night'], /quiet hours are two times/],
      [['alerts', 'add', '--channel', 'C1'], /an alert needs a topic/],
      [['alerts', 'add', '  ', '--channel', 'C1'], /an alert needs a topic/],
      [['alerts', 'add', 'tariffs'], /alerts add needs --channel/],
      [['alerts', 'add', 'tariffs', '--channel', '#general!'], /is not a channel id/],
      [
        ['alerts', 'add', 'tariffs', '--channel', 'C1', '--platform', 'teams'],
        /--platform must be slack, discord/,
      ],
      [
        ['alerts', 'add', 'tariffs', '--channel', 'C1', '--platform', 'console'],
        /--platform must be slack, discord/,
      ],
      [['alerts', 'list', '--quiet', '22-7'], /--quiet applies to alerts add only/],
      [['alerts', 'list', 'extra'], /alerts list takes no words/],
      [['alerts', 'remove'], /alerts remove needs an alert id or its topic/],
      [['alerts', 'frobnicate'], /alerts needs add, list or remove \(got "frobnicate"\)/],
      [['feeds', 'list', '--channel', 'C1'], /--channel applies to alerts add and alerts remove only/],
    ];
    for (const [args, message] of cases) {
      const result = await brief([...args, '--json'], dataDir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(JSON.parse(result.stdout), args.join(' ')).toEqual({
        error: expect.any(String),
        code: 'bad_request',
      });
    }
    expect(await list()).toEqual(before);
  });
});
