/**
 * @module core/alerts/check-alerts
 * Use case: after a feed poll stored new articles, tell every alert's channel about its new stories.
 * Each alert is matched (find-alert-stories.ts), then each story with work due is delivered under its
 * own claim (deliver-alert-story.ts): several processes checking one store at once post each story
 * once, and a story held in quiet hours goes out at the first check after they end.
 */
import type { Platform } from '../digest/subscription.js';
import { asBriefError } from '../errors.js';
import type { Alert } from './alert.js';
import type { AlertSink } from './alert-ports.js';
import { type DeliverAlertDeps, type DeliverOutcome, deliverAlertStory } from './deliver-alert-story.js';
import { findAlertStories } from './find-alert-stories.js';

export interface CheckAlertsDeps extends Omit<DeliverAlertDeps, 'sink'> {
  /** A sink per started platform; alerts of other platforms wait until theirs is started. */
  sinks: Partial<Record<Platform, AlertSink>>;
}

export interface AlertCheck {
  alertId: string;
  opened: number;
  added: number;
  outcomes: DeliverOutcome[];
}

export async function checkAlerts(deps: CheckAlertsDeps): Promise<AlertCheck[]> {
  const checks: AlertCheck[] = [];
  for (const alert of await deps.alerts.list()) {
    const sink = deps.sinks[alert.platform];
    if (!sink) continue;
    try {
      checks.push(await checkAlert({ ...deps, sink }, alert));
    } catch (error) {
      // One alert's trouble (a store hiccup) must not keep the others from their stories.
      const brief = asBriefError(error);
      deps.logger.error('alert: check failed', { alert: alert.id, code: brief.code, cause: brief.message });
    }
  }
  return checks;
}

async function checkAlert(deps: DeliverAlertDeps, alert: Alert): Promise<AlertCheck> {
  const found = await findAlertStories(deps, alert, deps.now(), deps.tuning);
  const outcomes: DeliverOutcome[] = [];
  for (const story of await deps.alerts.dueStories(alert.id, deps.now().toISOString())) {
    outcomes.push(await deliverAlertStory(deps, alert, story.storyKey));
  }
  return { alertId: alert.id, ...found, outcomes };
}
