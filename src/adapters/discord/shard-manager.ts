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
  /**
   * What each shard process runs: a deps module (its `createDiscordDeps` is called in shard-entry), or a
   * whole program (`{ script, args }`, e.g. `bin/brief.js serve`, which sees SHARDING_MANAGER and SHARDS).
   */
  depsModule?: string | URL;
  depsArgs?: readonly string[];
  program?: { script: string; args: readonly string[] };
  /** Only these shard ids in this process's children (the others run on other machines). */
  shardList?: readonly number[];
  /**
   * The environment shard processes start with, when it is not this process's own (`brief serve` passes
   * the one its configuration was read from). discord.js copies process.env when it creates each shard.
   */
  env?: Readonly<Record<string, string | undefined>>;
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
/**
 * How long a stopped shard process gets (SIGTERM) before SIGKILL: its own drain finishes the digest it
 * posts and the feed polls, then waits up to 10 s for interactions in flight (start-discord.ts).
 */
export const SHARD_STOP_TIMEOUT_MS = 30_000;

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
  // Before the manager is made: it adds SHARDING_MANAGER_MODE and the like to process.env.
  const ownEnv = { ...process.env };
  if (options.env) {
    for (const key of Object.keys(process.env)) if (!(key in options.env)) delete process.env[key];
    Object.assign(process.env, options.env);
  }
  const { script, args } = shardProgram(options);
  const shardList = options.shardList ? [...options.shardList] : undefined;
  const manager = new ShardingManager(script, {
    totalShards,
    ...(shardList ? { shardList } : {}),
    token: options.token,
    mode: 'process',
    respawn: options.respawn ?? true,
    shardArgs: [...args],
    execArgv: options.execArgv ?? (OWN_EXTENSION === '.ts' && !options.program ? ['--import', 'tsx'] : []),
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
    restoreOwnEnv(ownEnv);
    await stop();
    throw new DeliveryError(`Discord shards did not start: ${toBriefError(caught).message}`, true, {
      cause: caught,
    });
  }
  restoreOwnEnv(ownEnv);
  return { stop, totalShards };
}

function restoreOwnEnv(own: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in own)) delete process.env[key];
  Object.assign(process.env, own);
}

function shardProgram(options: DiscordShardsOptions): { script: string; args: readonly string[] } {
  if (options.program) return options.program;
  if (!options.depsModule) throw new Error('startDiscordShards needs a depsModule or a program');
  const depsHref =
    options.depsModule instanceof URL ? options.depsModule.href : pathToFileURL(options.depsModule).href;
  return { script: fileURLToPath(SHARD_FILE), args: [depsHref, ...(options.depsArgs ?? [])] };
}

async function stopShard(
  child: import('node:child_process').ChildProcess | null,
  kill: () => void,
): Promise<void> {
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  kill();
  const timer = setTimeout(() => child.kill('SIGKILL'), SHARD_STOP_TIMEOUT_MS);
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
