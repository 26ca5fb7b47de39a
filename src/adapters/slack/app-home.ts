/**
 * @module adapters/slack/app-home
 * The App Home tab: on Bolt's `app_home_opened` (Home tab), publishes the person's Home view with
 * `views.publish`. If it cannot be put together, the view says so in one line instead of staying blank.
 */
import type { App } from '@slack/bolt';
import type { AlertStore } from '../../core/alerts/alert-ports.js';
import type { DigestRunStore, SubscriptionStore } from '../../core/digest/digest-ports.js';
import { describeSchedule } from '../../core/digest/schedule-spec.js';
import { sections } from './blocks.js';
import type { WebClient } from './post-messages.js';
import { type HomeContent, renderHome } from './render-home.js';
import { toDeliveryError, userMessage } from './slack-errors.js';
import { logFailure, type SlackRuntime } from './slack-runtime.js';

/** Where the Home tab reads the workspace's digests from (the stores the scheduler uses). */
export interface HomeDigests {
  subscriptions: Pick<SubscriptionStore, 'listAll'>;
  runs: Pick<DigestRunStore, 'lastSent'>;
  /** The story alerts, when the bot runs them: the Home tab lists this workspace's. */
  alerts?: Pick<AlertStore, 'list'>;
}

export function registerAppHome(app: App, rt: SlackRuntime, digests: HomeDigests | undefined): void {
  app.event('app_home_opened', async ({ event, body, context, client }) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id ?? context.teamId ?? '';
    try {
      const content = await homeContent(rt, digests, teamId);
      await publish(client, event.user, renderHome(content));
      rt.logger.debug('slack home published', { user: event.user, digests: content.digests.length });
    } catch (error) {
      const failure = toDeliveryError(error, 'the Home tab');
      logFailure(rt, 'slack home failed', failure, { user: event.user });
      await publish(client, event.user, { type: 'home', blocks: sections(userMessage(failure)) }).catch(
        (again: unknown) =>
          rt.logger.error('slack failure not reported in chat', {
            cause: toDeliveryError(again, 'the Home tab'),
          }),
      );
    }
  });
}

async function publish(client: WebClient, userId: string, view: ReturnType<typeof renderHome>) {
  try {
    await client.views.publish({ user_id: userId, view });
  } catch (error) {
    throw toDeliveryError(error, 'views.publish');
  }
}

/** This workspace's digests: its own subscriptions and the DIGEST_CHANNELS ones (stored without one). */
export async function homeContent(
  rt: SlackRuntime,
  digests: HomeDigests | undefined,
  teamId: string,
): Promise<HomeContent> {
  const now = rt.clock.now();
  const [examples, stats, subscriptions, alerts] = await Promise.all([
    // Examples are a nicety: without them the Home tab shows fixed ones.
    rt.briefing.stories.examples().catch(() => []),
    rt.briefing.sources(),
    digests ? digests.subscriptions.listAll() : Promise.resolve([]),
    digests?.alerts ? digests.alerts.list() : Promise.resolve(null),
  ]);
  const ours = subscriptions
    .filter((s) => s.platform === 'slack' && (s.workspaceId === teamId || s.workspaceId === null))
    .sort((a, b) => a.channelId.localeCompare(b.channelId) || (a.topic ?? '').localeCompare(b.topic ?? ''));
  const sent = digests ? await Promise.all(ours.map((s) => digests.runs.lastSent(s.id))) : [];
  const lastDigestAt = sent.reduce<string | null>(
    (latest, at) => (at !== null && (latest === null || at > latest) ? at : latest),
    null,
  );
  return {
    examples,
    stats,
    digests: ours.map((subscription) => ({
      subscription,
      description: describeSchedule(subscription.schedule, now),
    })),
    lastDigestAt,
    digestsKnown: digests !== undefined,
    ...(alerts
      ? {
          alerts: alerts
            .filter((a) => a.platform === 'slack' && (a.workspaceId === teamId || a.workspaceId === null))
            .sort((a, b) => a.channelId.localeCompare(b.channelId) || a.topic.localeCompare(b.topic)),
        }
      : {}),
  };
}
