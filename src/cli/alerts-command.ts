/**
 * @module cli/alerts-command
 * `brief alerts add|list|remove`: story alerts from the command line, in the JSON style of
 * `brief feeds` (`{"alerts": [<alert>]}`, `{"removed": n}`) with --json, a line per alert otherwise.
 */
import type { Alert } from '../core/alerts/alert.js';
import type { AlertService } from '../core/alerts/alert-service.js';
import { describeQuiet } from '../core/alerts/quiet-hours.js';
import { BadRequestError } from '../core/errors.js';
import type { CliArgs } from './args.js';

export interface AlertsCommandDeps {
  alerts: AlertService;
  print(text: string): void;
}

/** The stable JSON of one alert. */
export interface AlertJson {
  id: string;
  topic: string;
  platform: string;
  channelId: string;
  workspaceId: string | null;
  /** "22:00-07:00", or null. */
  quiet: string | null;
  timezone: string;
  createdBy: string;
  createdAt: string;
}

export function toAlertJson(alert: Alert): AlertJson {
  return {
    id: alert.id,
    topic: alert.topic,
    platform: alert.platform,
    channelId: alert.channelId,
    workspaceId: alert.workspaceId,
    quiet: alert.quiet ? `${alert.quiet.from}-${alert.quiet.to}` : null,
    timezone: alert.timezone,
    createdBy: alert.createdBy,
    createdAt: alert.createdAt,
  };
}

export async function runAlertsCommand(args: CliArgs, deps: AlertsCommandDeps): Promise<number> {
  const [action, ...words] = args.words;
  const text = words.join(' ').trim();
  const out = (json: unknown, line: string) => deps.print(args.json ? JSON.stringify(json) : line);
  switch (action) {
    case 'add': {
      if (args.channel === null)
        throw new BadRequestError(
          'alerts add needs --channel, e.g. brief alerts add "AI chips" --channel C0123ABCD',
        );
      const { alert, created } = await deps.alerts.add({
        topic: text,
        platform: args.platform ?? 'slack',
        channelId: args.channel,
        workspaceId: null,
        createdBy: 'cli',
        quiet: args.quiet,
        timezone: args.tz,
      });
      out({ alerts: [toAlertJson(alert)] }, `${created ? 'Added' : 'Updated'}: ${alertLine(alert)}`);
      return 0;
    }
    case 'list': {
      if (text !== '') throw new BadRequestError(`alerts list takes no words, but got "${text}"`);
      const alerts = await deps.alerts.list();
      out(
        { alerts: alerts.map(toAlertJson) },
        alerts.length
          ? alerts.map(alertLine).join('\n')
          : 'No alerts yet: brief alerts add <topic> --channel <id>',
      );
      return 0;
    }
    case 'remove': {
      if (text === '')
        throw new BadRequestError(
          'alerts remove needs an alert id or its topic, e.g. brief alerts remove "AI chips"',
        );
      const where =
        args.channel === null ? undefined : { platform: args.platform ?? 'slack', channelId: args.channel };
      if (where === undefined && args.platform !== null)
        throw new BadRequestError('--platform on alerts remove needs --channel too');
      const removed = await deps.alerts.remove(text, where);
      out({ removed }, `${removed} removed`);
      return 0;
    }
    default:
      throw new BadRequestError(
        `alerts needs add, list or remove${action ? ` (got "${action}")` : ''}, e.g. brief alerts add "AI chips" --channel C0123ABCD`,
      );
  }
}

function alertLine(alert: Alert): string {
  const quiet = describeQuiet(alert.quiet, alert.timezone);
  return `${alert.id} "${alert.topic}" → ${alert.platform} ${alert.channelId}${quiet ? ` (quiet ${quiet})` : ''}`;
}
