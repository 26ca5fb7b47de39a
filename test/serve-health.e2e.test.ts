/**
 * `brief serve` with Discord only (no Slack HTTP listener) still answers `GET /healthz` on PORT: 200
 * while the database answers, 404 for anything else, and the port is closed once it has stopped.
 * discord.js runs against the local fake Discord.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/adapters/discord/testing/fake-discord.js';
import { runCli } from '../src/main.js';
import { freePort } from '../src/test-support/free-port.js';
import { PROJECT_ROOT } from '../src/test-support/seeded-briefing.js';

async function healthOf(port: number): Promise<{ status: number; body: unknown } | 'refused'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: response.status, body: await response.json() };
  } catch {
    return 'refused';
  }
}

describe('brief serve with Discord only', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('answers /healthz on PORT and closes the port when stopped', { timeout: 90_000 }, async () => {
    fake = await FakeDiscord.start();
    const port = await freePort();
    let stop!: () => void;
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runCli(['serve'], {
      env: {
        BRIEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'brief-health-')),
        BRIEF_LOG_LEVEL: 'error',
        DISCORD_TOKEN: fake.state.token,
        DISCORD_APPLICATION_ID: fake.state.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      cwd: PROJECT_ROOT,
      shutdown,
    });
    let health = await healthOf(port);
    for (const deadline = Date.now() + 60_000; health === 'refused' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = await healthOf(port);
    }
    expect(health).toEqual({ status: 200, body: { ok: true } });
    const other = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
    stop();
    expect(await running).toBe(0);
    expect(await healthOf(port)).toBe('refused');
  });
});
