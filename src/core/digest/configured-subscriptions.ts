/**
 * @module core/digest/configured-subscriptions
 * The digests the operator configures in the environment (DIGEST_CHANNELS on DIGEST_CRON in DIGEST_TZ)
 * become ordinary subscriptions at start-up. An unchanged one is left alone, so a restart keeps its
 * history and can still catch up a digest missed while the bot was down.
 */
import { BadRequestError } from '../errors.js';
import type { SubscriptionStore } from './digest-ports.js';
import { parseScheduleSpec } from './schedule-spec.js';
import type { Platform } from './subscription.js';

export const CONFIGURED_BY = 'config';

export interface ConfiguredDigests {
  /** `slack:C0123` or `discord:1234…`. */
  channels: string[];
  cron: string;
  timezone: string;
}

export async function ensureConfiguredSubscriptions(
  store: SubscriptionStore,
  configured: ConfiguredDigests,
  now: Date,
): Promise<number> {
  if (configured.channels.length === 0) return 0;
  let spec: ReturnType<typeof parseScheduleSpec>;
  try {
    spec = parseScheduleSpec(`cron "${configured.cron}"`, { defaultTimezone: configured.timezone, now });
  } catch (error) {
    throw new BadRequestError(`DIGEST_CRON is not usable: ${(error as Error).message}`);
  }
  let changed = 0;
  for (const entry of configured.channels) {
    const [platform, channelId = ''] = entry.split(':') as [Platform, string];
    const existing = (await store.listByChannel(platform, channelId)).find((s) => s.topic === null);
    const same =
      existing?.schedule.cron === spec.schedule.cron && existing.schedule.timezone === spec.schedule.timezone;
    if (same) continue;
    await store.upsert(
      {
        platform,
        workspaceId: null,
        channelId,
        schedule: spec.schedule,
        topic: null,
        quietWhenEmpty: false,
        createdBy: existing?.createdBy ?? CONFIGURED_BY,
      },
      now.toISOString(),
    );
    changed++;
  }
  return changed;
}
