/**
 * @module core/alerts/alert-service
 * The alert commands shared by the CLI and chat: add (topic checked as digest topics are, quiet hours
 * and zone parsed), list and remove (by id or topic), before anything is stored.
 */
import { resolveTimeZone } from '../digest/schedule-spec.js';
import type { Platform } from '../digest/subscription.js';
import { topicProblem } from '../digest/topic-filter.js';
import { BadRequestError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Alert } from './alert.js';
import type { AlertStore } from './alert-ports.js';
import { parseQuietHours } from './quiet-hours.js';

export interface AddAlertRequest {
  topic: string;
  platform: Platform;
  channelId: string;
  workspaceId: string | null;
  createdBy: string;
  /** "22:00-07:00", or null for none. */
  quiet: string | null;
  /** IANA zone; null: the default zone. */
  timezone: string | null;
}

export interface AlertService {
  add(request: AddAlertRequest): Promise<{ alert: Alert; created: boolean }>;
  list(where?: { platform: Platform; channelId: string }): Promise<Alert[]>;
  /** Removes by id, or by topic (within the channel when given); returns how many. */
  remove(idOrTopic: string, where?: { platform: Platform; channelId: string }): Promise<number>;
}

export function createAlertService(deps: {
  alerts: AlertStore;
  clock: Clock;
  defaultTimezone: string;
}): AlertService {
  return {
    async add(request) {
      const topic = request.topic.trim().replace(/\s+/g, ' ');
      if (topic === '')
        throw new BadRequestError('an alert needs a topic, e.g. brief alerts add "AI chips" --channel C123');
      const problem = topicProblem(topic);
      if (problem) throw new BadRequestError(problem);
      if (topic.length > 200)
        throw new BadRequestError(`a topic is at most 200 characters (got ${topic.length})`);
      const channelId = request.channelId.trim();
      if (!/^[\w-]{1,80}$/.test(channelId))
        throw new BadRequestError(
          `"${request.channelId}" is not a channel id (e.g. C0123ABCD on Slack, a number on Discord)`,
        );
      const quiet = request.quiet === null ? null : parseQuietHours(request.quiet);
      const timezone = resolveTimeZone(request.timezone ?? deps.defaultTimezone);
      return deps.alerts.add(
        {
          platform: request.platform,
          workspaceId: request.workspaceId,
          channelId,
          topic,
          quiet,
          timezone,
          createdBy: request.createdBy,
        },
        deps.clock.now().toISOString(),
      );
    },
    async list(where) {
      return where ? deps.alerts.listByChannel(where.platform, where.channelId) : deps.alerts.list();
    },
    async remove(idOrTopic, where) {
      const text = idOrTopic.trim();
      if (text === '') throw new BadRequestError('alerts remove needs an alert id or its topic');
      const byId = where ? 0 : await deps.alerts.remove({ id: text });
      if (byId > 0) return byId;
      return deps.alerts.remove({ topic: text, ...(where ?? {}) });
    },
  };
}
