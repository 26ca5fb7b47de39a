/**
 * @module adapters/slack/testing/slack-harness
 * Starts the real adapter (`startSlack`) against the fake Slack in either mode, over the seeded
 * Briefing, and delivers events, commands and clicks the way Slack would in that mode.
 */
import type { Briefing } from '../../../core/briefing.js';
import {
  createSeededBriefing,
  type fixedClock,
  type SeededBriefing,
} from '../../../test-support/seeded-briefing.js';
import type { SlashSubcommand } from '../slash-command.js';
import { type SlackDeps, type SlackHandle, startSlack } from '../start-slack.js';
import { type ApiCall, type FakeSlack, startFakeSlack } from './fake-slack-server.js';
import { createRecordingLogger, type RecordingLogger } from './recording-logger.js';
import { postCommand, postEvent, postInteraction } from './signed-request.js';
import { slashCommand } from './slack-payloads.js';

export type SlackMode = 'http' | 'socket';
export const SIGNING_SECRET = 'test-signing-secret';

export interface HarnessOptions {
  /** Wraps or replaces the seeded Briefing (e.g. a spy, one that fails, one with a language model). */
  briefing?: (seeded: Briefing, all: SeededBriefing) => Briefing;
  /** The clock of the core and the adapter; default: fixed. */
  clock?: ReturnType<typeof fixedClock>;
  config?: Partial<SlackDeps['config']>;
  /** The digest stores the Home tab reads, built over the harness's own database. */
  digests?: (seeded: SeededBriefing) => NonNullable<SlackDeps['digests']>;
  /** The health check and the drain limit of the adapter. */
  deps?: Pick<SlackDeps, 'health' | 'healthTimeoutMs' | 'drainTimeoutMs'>;
  /** More subcommands; a function builds them over the harness's own database, clock and logger. */
  extraCommands?:
    | SlackDeps['extraCommands']
    | ((seeded: SeededBriefing, logger: RecordingLogger) => SlashSubcommand[]);
}

export interface Harness {
  mode: SlackMode;
  fake: FakeSlack;
  logger: RecordingLogger;
  seeded: SeededBriefing;
  handle: SlackHandle;
  /** `http://127.0.0.1:<port>` in HTTP mode. */
  origin: string | undefined;
  /** Delivers an Events API callback; resolves once Slack would consider it acknowledged. */
  deliver(payload: unknown, options?: { retryNum?: number }): Promise<void>;
  /** Runs `/brief <text>`; resolves with the acknowledgement's text (if any) and the response URL id. */
  command(text: string, user?: string): Promise<{ ackText: string | undefined; responseId: string }>;
  click(payload: unknown): Promise<void>;
  /** The chat.postMessage calls so far. */
  posts(): ApiCall[];
  close(): Promise<void>;
}

let commandCount = 0;

export async function startHarness(mode: SlackMode, options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const seeded = await createSeededBriefing(options.clock);
  const logger = createRecordingLogger();
  const handle = await startSlack({
    config: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: mode === 'socket' ? 'xapp-test' : undefined,
      SLACK_API_URL: fake.apiUrl,
      PORT: 0,
      BRIEF_MAX_QUESTION_CHARS: 500,
      BRIEF_RATE_LIMIT_PER_MINUTE: 100,
      ...options.config,
    },
    briefing: options.briefing ? options.briefing(seeded.briefing, seeded) : seeded.briefing,
    conversations: seeded.conversations,
    feedback: seeded.feedback,
    clock: seeded.clock,
    logger,
    webApiRetry: { retries: 2, minTimeout: 0, maxTimeout: 1 },
    ...options.deps,
    ...(options.digests ? { digests: options.digests(seeded) } : {}),
    ...(options.extraCommands
      ? {
          extraCommands:
            typeof options.extraCommands === 'function'
              ? options.extraCommands(seeded, logger)
              : options.extraCommands,
        }
      : {}),
  });
  const origin = handle.port ? `http://127.0.0.1:${handle.port}` : undefined;
  const eventsUrl = `${origin}/slack/events`;

  const expectOk = async (response: Response) => {
    if (response.status !== 200) {
      throw new Error(`Slack endpoint answered ${response.status}: ${await response.text()}`);
    }
    return response.text();
  };

  return {
    mode,
    fake,
    logger,
    seeded,
    handle,
    origin,
    async deliver(payload, { retryNum } = {}) {
      if (mode === 'socket') {
        await fake.socket.send('events_api', payload, retryNum ? { retryAttempt: retryNum } : {});
      } else {
        await expectOk(await postEvent(eventsUrl, SIGNING_SECRET, payload, retryNum ? { retryNum } : {}));
      }
    },
    async command(text, user) {
      commandCount += 1;
      const responseId = `cmd-${commandCount}`;
      const fields = slashCommand(text, fake.responseUrl(responseId), user);
      if (mode === 'socket') {
        const ack = await fake.socket.send('slash_commands', fields);
        return { ackText: typeof ack.text === 'string' ? ack.text : undefined, responseId };
      }
      const body = await expectOk(await postCommand(eventsUrl, SIGNING_SECRET, fields));
      const ack = body ? (JSON.parse(body) as { text?: string }) : {};
      return { ackText: ack.text, responseId };
    },
    async click(payload) {
      if (mode === 'socket') await fake.socket.send('interactive', payload);
      else await expectOk(await postInteraction(eventsUrl, SIGNING_SECRET, payload));
    },
    posts: () => fake.calls.filter((c) => c.method === 'chat.postMessage'),
    async close() {
      await handle.stop();
      if (mode === 'socket') await fake.socket.closed();
      await fake.close();
      seeded.close();
    },
  };
}
