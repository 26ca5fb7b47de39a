/**
 * `brief serve` with Discord only (no Slack HTTP listener) still answers `GET /healthz` on PORT: 200
 * while the database answers, 404 for anything else, and the port is closed once it has stopped.
 * discord.js runs against the local fake Discord.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/adapters/discord/testing/fake-discord.js';
import { freePort } from '../src/test-support/free-port.js';
import { firstHealthAnswer, healthOf, serveInProcess } from './support/serve-in-process.js';

describe('brief serve with Discord only', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('answers /healthz on PORT and closes the port when stopped', { timeout: 90_000 }, async () => {
    fake = await FakeDiscord.start();
    const port = await freePort();
    const { running, stop } = serveInProcess(
      {
        DISCORD_TOKEN: fake.state.token,
        DISCORD_APPLICATION_ID: fake.state.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      'brief-health-',
    );
    const health = `http://127.0.0.1:${port}/healthz`;
    // Discord connects before the health listener opens; its first answer is the healthy one.
    expect(await firstHealthAnswer(health, 60_000)).toEqual({ status: 200, body: { ok: true } });
    const other = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    expect(other.status).toBe(404);
    stop();
    expect(await running).toBe(0);
    expect(await healthOf(health)).toBe('refused');
  });
});
