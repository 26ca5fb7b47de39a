/**
 * @module adapters/discord/shard-entry
 * The file ShardingManager runs in each shard process: `node shard-entry.js <deps module> [args]`.
 * Starts this shard's client and exits when the manager stops it or goes away.
 */

import type { DiscordShardDepsFactory } from './shard-manager.js';
import { startDiscord } from './start-discord.js';

const [depsModule, ...args] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!depsModule) throw new Error('usage: shard-entry <deps module> [args...]');
  const { createDiscordDeps } = (await import(depsModule)) as { createDiscordDeps: DiscordShardDepsFactory };
  const { deps, close } = await createDiscordDeps(args);
  const bot = await startDiscord(deps);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.stop().catch(() => {});
    await close?.();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // The manager's IPC channel closing means the parent is gone: a shard must not outlive it.
  process.once('disconnect', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', message: 'discord shard failed to start', error: String(error) })}\n`,
  );
  process.exit(1);
});
