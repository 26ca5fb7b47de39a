/**
 * @module adapters/discord/shard-manager
 * Runs the bot as several discord.js shards, one child process each, for large installations. Each
 * child loads a deps module (a composition root) and calls startDiscord for its shard.
 */
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { DeliveryError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { restBaseUrl } from './create-discord-client.js';
import type { DiscordDeps } from './discord-deps.js';
import { toBriefError } from './discord-errors.js';

/** What a deps module gives a shard process. */
export interface DiscordShardDeps {
  deps: DiscordDeps;
  close?: () => void | Promise<void>;
}

/** A deps module exports `createDiscordDeps`, called in each shard process with `depsArgs`. */
export type DiscordShardDepsFactory = (args: readonly string[]) => Promise<DiscordShardDeps>;

export interface DiscordShardsOptions {
  token: string;
  /** Path or file URL of the deps module. */
  depsModule: string | URL;
  depsArgs?: readonly string[];
  /** DISCORD_API_URL, used here to ask for the recommended shard count. */
  apiUrl?: string | undefined;
  totalShards?: number | 'auto';
  /** Node flags for the shard processes; `--import tsx` is added when running from TypeScript. */
  execArgv?: readonly string[];
  /** Discord wants about 5 s between shard identifies on small bots. */
  spawnDelayMs?: number;
  spawnTimeoutMs?: number;
  respawn?: boolean;
  logger: Logger;
}

const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const SHARD_FILE = new URL(`./shard-entry${OWN_EXTENSION}`, import.meta.url);
const ENV_KEYS = ['SHARDING_MANAGER', 'SHARDING_MANAGER_MODE', 'DISCORD_TOKEN'] as const;

export async function startDiscordShards(
  options: DiscordShardsOptions,
): Promise<{ stop(): Promise<void>; totalShards: number }> {
  const totalShards =
    options.totalShards === 'auto' || options.totalShards === undefined
      ? await recommendedShards(options)
      : options.totalShards;
  // ShardingManager writes these into this process's environment; put them back on stop.
  const savedEnv = ENV_KEYS.map((key) => [key, process.env[key]] as const);
  const restoreEnv = () => {
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  const depsHref =
    options.depsModule instanceof URL ? options.depsModule.href : pathToFileURL(options.depsModule).href;
  const manager = new ShardingManager(fileURLToPath(SHARD_FILE), {
    totalShards,
    token: options.token,
    mode: 'process',
    respawn: options.respawn ?? true,
    shardArgs: [depsHref, ...(options.depsArgs ?? [])],
    execArgv: options.execArgv ?? (OWN_EXTENSION === '.ts' ? ['--import', 'tsx'] : []),
  });
  manager.on('shardCreate', (shard) => {
    options.logger.info('discord shard process started', { shardId: shard.id, totalShards });
    shard.on('death', () => options.logger.warn('discord shard process exited', { shardId: shard.id }));
  });
  const stop = async () => {
    await Promise.all(manager.shards.map((shard) => stopShard(shard.process, () => shard.kill())));
    restoreEnv();
  };
  try {
    await manager.spawn({
      amount: totalShards,
      delay: options.spawnDelayMs ?? 5_500,
      timeout: options.spawnTimeoutMs ?? 60_000,
    });
  } catch (caught) {
    await stop();
    throw new DeliveryError(`Discord shards did not start: ${toBriefError(caught).message}`, true, {
      cause: caught,
    });
  }
  return { stop, totalShards };
}

async function stopShard(
  child: import('node:child_process').ChildProcess | null,
  kill: () => void,
): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  kill();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function recommendedShards(options: DiscordShardsOptions): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: restBaseUrl(options.apiUrl) } : {}).setToken(options.token);
  try {
    const info = (await rest.get(Routes.gatewayBot())) as { shards: number };
    return Math.max(1, info.shards);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
