/**
 * @module adapters/slack/slack-instances.test
 * Two real Bolt apps in HTTP mode on one database (a SQLite file, a PostgreSQL database), as two
 * `brief serve` processes behind a load balancer: a retried event, a mention's second delivery, the
 * rate limit and a share click that reach the other instance are handled as by one instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatStateStores } from '../../core/ports.js';
import { createPgChatState } from '../../store/postgres/pg-chat-state.js';
import { pgSkipReason } from '../../store/postgres/testing/pg-test-database.js';
import { openPgTestStores } from '../../store/postgres/testing/pg-test-stores.js';
import { openSqliteDatabase } from '../../store/sqlite/sqlite-article-store.js';
import { createSqliteChatState } from '../../store/sqlite/sqlite-chat-state.js';
import { createSeededBriefing, type SeededBriefing } from '../../test-support/seeded-briefing.js';
import { SHARE_ACTION } from './share-action.js';
import { type SlackHandle, startSlack } from './start-slack.js';
import { type FakeSlack, startFakeSlack } from './testing/fake-slack-server.js';
import { allText, buttons } from './testing/inspect.js';
import { createRecordingLogger, type RecordingLogger } from './testing/recording-logger.js';
import { postCommand, postEvent, postInteraction } from './testing/signed-request.js';
import { buttonClick, mentionEvent, messageEvent, slashCommand } from './testing/slack-payloads.js';

const SECRET = 'instances-secret';

interface Instance {
  handle: SlackHandle;
  logger: RecordingLogger;
  url: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database shared by the instances: each `connect()` is another connection (another process's). */
interface SharedDatabase {
  name: string;
  skip: string;
  open(): Promise<() => Promise<ChatStateStores>>;
}

const DATABASES: SharedDatabase[] = [
  {
    name: 'one SQLite file',
    skip: '',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'brief-instances-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return async () => {
        const db = openSqliteDatabase(join(dir, 'briefbot.sqlite'));
        cleanups.push(() => {
          db.close();
        });
        return createSqliteChatState(db);
      };
    },
  },
  {
    name: 'one PostgreSQL database',
    skip: pgSkipReason(),
    async open() {
      const stores = await openPgTestStores();
      cleanups.push(() => stores.dispose());
      return async () => createPgChatState(await stores.connect());
    },
  },
];

/** Two instances on one fake Slack, each with its own connection to one database's chat state. */
async function startTwo(database: SharedDatabase, config: { BRIEF_RATE_LIMIT_PER_MINUTE?: number } = {}) {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.close());
  const seeded: SeededBriefing = await createSeededBriefing();
  cleanups.push(() => seeded.close());
  const connect = await database.open();
  const start = async (): Promise<Instance> => {
    const chatState = await connect();
    const logger = createRecordingLogger();
    const handle = await startSlack({
      config: {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: 0,
        BRIEF_MAX_QUESTION_CHARS: 500,
        BRIEF_RATE_LIMIT_PER_MINUTE: config.BRIEF_RATE_LIMIT_PER_MINUTE ?? 100,
      },
      briefing: seeded.briefing,
      conversations: seeded.conversations,
      feedback: seeded.feedback,
      clock: seeded.clock,
      logger,
      chatState,
      webApiRetry: { retries: 0 },
    });
    cleanups.push(() => handle.stop());
    return { handle, logger, url: `http://127.0.0.1:${handle.port}/slack/events` };
  };
  return { fake, a: await start(), b: await start() };
}

const answersIn = (fake: FakeSlack, ts: string) =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
const answered = (instance: Instance, ts: string) =>
  instance.logger.waitFor(
    `the answer to ${ts}`,
    (e) => e.message === 'slack answer posted' && e.fields.ts === ts,
  );

for (const database of DATABASES) {
  describe.skipIf(database.skip)(`two Slack instances on ${database.name}`, () => {
    it('answer an event once when Slack retries it to the other instance', async () => {
      const { fake, a, b } = await startTwo(database);
      const ask = mentionEvent({ text: 'How big is the AWS deal?' });
      expect((await postEvent(a.url, SECRET, ask)).status).toBe(200);
      await answered(a, ask.event.ts);
      expect((await postEvent(b.url, SECRET, ask, { retryNum: 1 })).status).toBe(200);
      const skipped = await b.logger.waitFor(
        'the retry skipped',
        (e) => e.message === 'slack event skipped' && e.fields.eventId === ask.event_id,
      );
      expect(skipped.fields).toMatchObject({ reason: 'duplicate', retryNum: 1, retryReason: 'http_timeout' });
      expect(answersIn(fake, ask.event.ts)).toHaveLength(1);
    });

    it('answer a retry that no instance saw before, and say it was a retry', async () => {
      const { fake, b } = await startTwo(database);
      const ask = mentionEvent({ text: 'How big is the AWS deal?' });
      await postEvent(b.url, SECRET, ask, { retryNum: 2 });
      await answered(b, ask.event.ts);
      const logged = await b.logger.waitFor(
        'the retry',
        (e) => e.message === 'slack event retried, first seen here',
      );
      expect(logged.fields).toMatchObject({ eventId: ask.event_id, retryNum: 2 });
      expect(answersIn(fake, ask.event.ts)).toHaveLength(1);
    });

    it('answer a mention once when its app_mention and message events reach different instances', async () => {
      const { fake, a, b } = await startTwo(database);
      const first = mentionEvent({ text: 'How big is the AWS deal?' });
      await postEvent(a.url, SECRET, first);
      await answered(a, first.event.ts);
      // A mention in a thread the bot answered arrives twice: as app_mention and as a thread message.
      const mention = mentionEvent({ text: 'and when?', thread_ts: first.event.ts });
      const sameMessage = messageEvent({
        text: mention.event.text,
        ts: mention.event.ts,
        thread_ts: first.event.ts,
      });
      await Promise.all([postEvent(a.url, SECRET, mention), postEvent(b.url, SECRET, sameMessage)]);
      await Promise.race([answered(a, mention.event.ts), answered(b, mention.event.ts)]);
      await Promise.race(
        [a, b].map((i) =>
          i.logger.waitFor(
            'the second delivery skipped',
            (e) => e.message === 'slack event skipped' && e.fields.ts === mention.event.ts,
          ),
        ),
      );
      const replies = fake.calls.filter(
        (c) => c.method === 'chat.postMessage' && c.args.thread_ts === first.event.ts,
      );
      expect(replies).toHaveLength(2); // the first answer and the follow-up's
    });

    it('count one rate limit per person across instances', async () => {
      const { fake, a, b } = await startTwo(database, { BRIEF_RATE_LIMIT_PER_MINUTE: 1 });
      const first = mentionEvent({ text: 'How big is the AWS deal?' });
      await postEvent(a.url, SECRET, first);
      await answered(a, first.event.ts);
      const second = mentionEvent({ text: 'And the chips?' });
      await postEvent(b.url, SECRET, second);
      const refusal = await fake.waitForCall(
        'the refusal',
        (c) => c.method === 'chat.postMessage' && c.args.thread_ts === second.event.ts,
      );
      expect(allText(refusal.args)).toContain('asking faster than I can read');
    });

    it('share from the other instance what the first showed privately', async () => {
      const { fake, a, b } = await startTwo(database);
      const fields = slashCommand('ask How big is the AWS deal?', fake.responseUrl('ask-1'));
      await postCommand(a.url, SECRET, fields);
      const privateReply = await fake.waitForResponse(
        'the private answer',
        (r) => r.id === 'ask-1' && Array.isArray(r.body.blocks),
      );
      const share = buttons(privateReply.body).find((x) => x.action_id === SHARE_ACTION);
      const click = buttonClick({
        actionId: SHARE_ACTION,
        value: share?.value ?? '',
        responseUrl: fake.responseUrl('share-1'),
      });
      expect((await postInteraction(b.url, SECRET, click)).status).toBe(200);
      const shared = await fake.waitForResponse(
        'the shared answer',
        (r) => r.id === 'share-1' && r.body.response_type === 'in_channel',
      );
      expect(allText(shared.body)).toContain('38 billion');
    });
  });
}
