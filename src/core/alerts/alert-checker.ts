/**
 * @module core/alerts/alert-checker
 * When `brief serve` checks the alerts: after a feed pass that stored new or edited articles, and at
 * least every `ALERT_TUNING.recheckMs` otherwise (stories held in quiet hours and failed posts waiting
 * out their back-off are due then without anything new). Checks never overlap and never throw.
 */
import { asBriefError } from '../errors.js';
import type { AlertCheck, CheckAlertsDeps } from './check-alerts.js';
import { checkAlerts } from './check-alerts.js';

export interface AlertChecker {
  /** Called after every feed pass; `changed` when it added or updated articles. */
  afterPass(changed: boolean): Promise<AlertCheck[]>;
}

export function createAlertChecker(deps: CheckAlertsDeps): AlertChecker {
  let lastAt: number | null = null;
  let running: Promise<AlertCheck[]> | null = null;
  const check = async (): Promise<AlertCheck[]> => {
    try {
      const checks = await checkAlerts(deps);
      const outcomes = checks.flatMap((c) => c.outcomes);
      const posted = outcomes.filter((o) => o === 'posted').length;
      const replies = outcomes.filter((o) => o === 'sources-added').length;
      const failed = outcomes.filter((o) => o === 'failed').length;
      if (posted + replies + failed > 0)
        deps.logger.info('alerts checked', { alerts: checks.length, posted, replies, failed });
      return checks;
    } catch (error) {
      const brief = asBriefError(error);
      deps.logger.error('alerts: check failed', { code: brief.code, cause: brief.message });
      return [];
    }
  };
  return {
    afterPass(changed) {
      const now = deps.now().getTime();
      if (running) return running;
      if (!changed && lastAt !== null && now - lastAt < deps.tuning.recheckMs) return Promise.resolve([]);
      lastAt = now;
      running = check().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
