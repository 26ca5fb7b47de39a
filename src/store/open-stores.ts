/**
 * @module store/open-stores
 * Opens every store on one database for the composition root: PostgreSQL (node-postgres pool) when
 * DATABASE_URL is a postgres:// URL, otherwise the zero-setup SQLite file in the data folder.
 */
import { join } from 'node:path';
import type { QueryConfig } from 'pg';
import type { AlertStore } from '../core/alerts/alert-ports.js';
import type { DigestRunStore, SubscriptionStore } from '../core/digest/digest-ports.js';
import { BriefError } from '../core/errors.js';
import type {
  ArticleStore,
  ChatStateStores,
  ConversationStore,
  FeedbackStore,
  FeedStore,
} from '../core/ports.js';
import type { VectorIndex } from '../core/vector-search.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface Stores {
  kind: StoreKind;
  /** Where the data lives, for messages (a file path, or the URL without its password). */
  location: string;
  articles: ArticleStore;
  conversations: ConversationStore;
  feedback: FeedbackStore;
  subscriptions: SubscriptionStore;
  runs: DigestRunStore;
  /** Subscribed feeds and their poll leases. */
  feeds: FeedStore;
  /** Story alerts and their story ledger (one post per story across every process on the database). */
  alerts: AlertStore;
  /** Chat adapter state shared by every process on the database (Slack dedupe marks, rate limits, shares). */
  chatState: ChatStateStores;
  /** The passage embedding index on the same database; throws a 'store' error where there is none. */
  openVectorIndex(): Promise<VectorIndex>;
  /** The schema: migrations applied by this open (or this call) and the version it is now at. */
  migrate(): Promise<SchemaReport>;
  /**
   * Resolves when the database answers a read of its schema table within `timeoutMs` (for /healthz);
   * rejects with the reason otherwise. The database gives up on the read itself at that time
   * (PostgreSQL statement_timeout, SQLite busy timeout), so a probe of a stuck database leaves no
   * query running behind it.
   */
  ping(timeoutMs: number): Promise<void>;
  /** Closes the database (the article store's close() does the same). */
  close(): Promise<void>;
}

export interface SchemaReport {
  /** How many migrations were applied just now. */
  applied: number;
  /** The newest version applied. */
  version: number;
}

export interface OpenStoresOptions {
  /** DATABASE_URL: postgres://... selects PostgreSQL. */
  databaseUrl?: string | undefined;
  /** The data folder; the SQLite file is briefbot.sqlite inside it. */
  dataDir: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  const { isPostgresUrl } = await import('./postgres/pg-database.js');
  if (options.databaseUrl !== undefined && !isPostgresUrl(options.databaseUrl)) {
    throw new BriefError('config', 'DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return options.databaseUrl
    ? openPostgresStores(options.databaseUrl, options.migrate)
    : openSqliteStores(options.dataDir);
}

async function openPostgresStores(url: string, migrate = true): Promise<Stores> {
  const [database, articles, conversations, subscriptions, feeds, alerts, chatState] = await Promise.all([
    import('./postgres/pg-database.js'),
    import('./postgres/pg-article-store.js'),
    import('./postgres/pg-conversation-store.js'),
    import('./postgres/pg-subscription-store.js'),
    import('./postgres/pg-feed-store.js'),
    import('./postgres/pg-alert-store.js'),
    import('./postgres/pg-chat-state.js'),
  ]);
  const migrations = await import('./postgres/pg-migrations.js');
  const pool = await database.openPostgresPool({ url, migrate: false });
  let applied = 0;
  const runMigrations = async (): Promise<SchemaReport> => {
    applied += await migrations.migratePostgres(pool);
    return { applied, version: Math.max(0, ...(await migrations.appliedVersions(pool))) };
  };
  if (migrate)
    await runMigrations().catch(async (error) => {
      await pool.end().catch(() => {});
      throw new BriefError(
        'store',
        `Cannot migrate the PostgreSQL database at ${database.redactUrl(url)}: ${(error as Error).message}`,
        { cause: error },
      );
    });
  let ended: Promise<void> | null = null;
  // The champion lists take in the last writes before the pool ends (they are refreshed off the write path).
  const close = () => {
    ended ??= articleStore.settleChampions().then(() => pool.end());
    return ended;
  };
  const articleStore = articles.createPgArticleStore(pool, { onClose: close });
  return {
    kind: 'postgres',
    location: database.redactUrl(url),
    articles: articleStore,
    conversations: conversations.createPgConversationStore(pool),
    feedback: conversations.createPgFeedbackStore(pool),
    subscriptions: subscriptions.createPgSubscriptionStore(pool),
    runs: subscriptions.createPgDigestRunStore(pool),
    feeds: feeds.createPgFeedStore(pool),
    alerts: alerts.createPgAlertStore(pool),
    chatState: chatState.createPgChatState(pool),
    migrate: runMigrations,
    async openVectorIndex() {
      const { createPgVectorIndex } = await import('./postgres/pg-vector-index.js');
      return createPgVectorIndex(pool);
    },
    async ping(timeoutMs) {
      const ms = Math.max(1, Math.floor(timeoutMs));
      // One round trip. The server cancels the read at statement_timeout (a table locked by a migration,
      // an overloaded server) and gives the reason; query_timeout covers a server that never answers: the
      // pool then drops that connection, as it drops any whose query failed.
      // node-postgres reads query_timeout from a query's config; its types list it only for the client.
      const probe: QueryConfig & { query_timeout: number } = {
        text: `BEGIN READ ONLY; SET LOCAL statement_timeout = ${ms}; SELECT 1 FROM schema_migrations LIMIT 1; COMMIT`,
        query_timeout: ms + 50,
      };
      await pool.query(probe);
    },
    close,
  };
}

async function openSqliteStores(dataDir: string): Promise<Stores> {
  const [articles, conversations, subscriptions, feeds, chatState, alerts] = await Promise.all([
    import('./sqlite/sqlite-article-store.js'),
    import('./sqlite/sqlite-conversation-store.js'),
    import('./sqlite/sqlite-subscription-store.js'),
    import('./sqlite/sqlite-feed-store.js'),
    import('./sqlite/sqlite-chat-state.js'),
    import('./sqlite/sqlite-alert-store.js'),
  ]);
  const path = join(dataDir, 'briefbot.sqlite');
  let applied = 0;
  const db = articles.openSqliteDatabase(path, (count) => {
    applied = count;
  });
  const articleStore = articles.createSqliteArticleStore(db);
  return {
    kind: 'sqlite',
    location: path,
    articles: articleStore,
    conversations: conversations.createSqliteConversationStore(db),
    feedback: conversations.createSqliteFeedbackStore(db),
    subscriptions: subscriptions.createSqliteSubscriptionStore(db),
    runs: subscriptions.createSqliteDigestRunStore(db),
    chatState: chatState.createSqliteChatState(db),
    async migrate() {
      // SQLite migrates on open (openSqliteDatabase): report what that did.
      const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
      return { applied, version: row.v ?? 0 };
    },
    feeds: feeds.createSqliteFeedStore(db),
    alerts: alerts.createSqliteAlertStore(db),
    async openVectorIndex() {
      const { createSqliteVectorIndex } = await import('./sqlite/sqlite-vector-index.js');
      return createSqliteVectorIndex(db);
    },
    async ping(timeoutMs) {
      if (!db.open) throw new BriefError('store', 'the SQLite database is closed');
      // The read is synchronous. In WAL mode a reader does not wait for writers; where it must wait (WAL
      // recovery after a crash, a journal-mode change) it waits the busy timeout, lowered for the probe
      // to its limit from the 5 s other statements wait, then fails with SQLITE_BUSY.
      const previous = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
      try {
        db.prepare('SELECT count(*) FROM schema_migrations').get();
      } finally {
        db.pragma(`busy_timeout = ${previous}`);
      }
    },
    close: () => articleStore.close(),
  };
}
