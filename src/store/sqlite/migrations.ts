/**
 * @module store/sqlite/migrations
 * Versioned schema for the SQLite store. Append only: a released migration is never edited; a new
 * version adds what it needs. Each migration runs in its own transaction.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles and passage index',
    sql: `
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT,
        url TEXT,
        published_at TEXT,
        text TEXT NOT NULL,
        first_ingested_at TEXT NOT NULL,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_content_hash ON articles(content_hash);
      CREATE INDEX articles_ingested_at ON articles(ingested_at);
      CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        sentences TEXT NOT NULL
      );
      CREATE INDEX passages_article ON passages(article_id, ordinal);
      CREATE VIRTUAL TABLE passage_index USING fts5(
        title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
      );
      CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_index, 'row');
    `,
  },
  {
    version: 2,
    name: 'conversations and feedback',
    sql: `
      CREATE TABLE conversation_turns (
        id INTEGER PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX conversation_turns_key ON conversation_turns(conversation_key, id);
      CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        abstained INTEGER NOT NULL,
        mode TEXT NOT NULL,
        citations TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE feedback_votes (
        answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      );
    `,
  },
  {
    version: 3,
    name: 'digest subscriptions and runs',
    sql: `
      CREATE TABLE digest_subscriptions (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT,
        channel_id TEXT NOT NULL,
        topic TEXT,
        topic_key TEXT NOT NULL,
        schedule_label TEXT NOT NULL,
        schedule_cron TEXT NOT NULL,
        schedule_timezone TEXT NOT NULL,
        quiet_when_empty INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (platform, channel_id, topic_key)
      );
      CREATE TABLE digest_runs (
        subscription_id TEXT NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
        scheduled_for TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'retrying', 'sent', 'failed', 'skipped')),
        owner TEXT,
        lease_until TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        last_error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (subscription_id, scheduled_for)
      );
    `,
  },
  {
    version: 4,
    name: 'vector space of passage embeddings',
    // The vectors live in a sqlite-vec vec0 table created at run time (see sqlite-vector-index.ts):
    // its dimension is the embedding model's, and loading the extension is the index's business.
    sql: `
      CREATE TABLE vector_spaces (
        name TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        dimensions INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'index articles by published date',
    // Digests select articles published or ingested in a window; without this index the published
    // half of that OR scans every article.
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_at ON articles(published_at);',
  },
  {
    version: 6,
    name: 'conversation turn context',
    // What a turn was about and who its answer named (JSON of TurnContext), so follow-ups resolve "he"
    // or "that deal" without re-reading the answer. Older turns keep NULL and are read from their text.
    sql: 'ALTER TABLE conversation_turns ADD COLUMN context TEXT;',
  },
  {
    version: 7,
    name: 'the input each article came from',
    // Only the input that brought an article in may update it (core/ingest-articles mayUpdate). Older
    // articles get it from their origin where the origin tells: a path is a file, "<x.json>#..." a
    // record of x.json. One named by a URL may be a page, a feed entry or a JSON record: NULL, adopted
    // by the first input that claims it again.
    sql: `
      ALTER TABLE articles ADD COLUMN source_kind TEXT;
      ALTER TABLE articles ADD COLUMN source_input TEXT;
      UPDATE articles SET source_kind = 'file', source_input = origin
        WHERE origin NOT LIKE 'http://%' AND origin NOT LIKE 'https://%';
      UPDATE articles SET source_kind = 'record', source_input = substr(origin, 1, instr(origin, '#') - 1)
        WHERE source_kind = 'file' AND instr(origin, '#') > 0
          AND (substr(origin, 1, instr(origin, '#') - 1) LIKE '%.json'
            OR substr(origin, 1, instr(origin, '#') - 1) LIKE '%.jsonl'
            OR substr(origin, 1, instr(origin, '#') - 1) LIKE '%.ndjson');
    `,
  },
  {
    version: 8,
    name: 'subscribed feeds and their entries',
    // A feed's polling state and lease (as digest runs have), and per entry what it was when stored:
    // a poll compares fingerprints so that an unchanged entry costs no page fetch and no write.
    sql: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        fetch_url TEXT NOT NULL,
        title TEXT,
        every_ms INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled_at TEXT,
        next_poll_at TEXT,
        last_status TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        failing_since TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE feed_entries (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        entry_key TEXT NOT NULL,
        origin TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        PRIMARY KEY (feed_url, entry_key)
      );
      CREATE INDEX feeds_next_poll ON feeds(disabled, next_poll_at);
    `,
  },
  {
    version: 9,
    name: 'chat state shared by bot processes',
    // Slack event and message marks with an expiry (one answer per event whichever process it reaches),
    // the per-person rate-limit hits and the share cache: times are epoch milliseconds.
    sql: `
      CREATE TABLE chat_seen (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE TABLE chat_rate_hits (key TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX chat_rate_hits_key ON chat_rate_hits(key, at);
      CREATE TABLE chat_values (id TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL);
    `,
  },
  {
    version: 10,
    name: 'story alerts and their stories',
    // An alert per channel and topic; per alert the stories found (one row each, ever: the claim and the
    // first post's message id) and which articles belong to which story (one story per article and
    // alert, so two instances cannot open the same story twice). posted_day counts the daily cap.
    sql: `
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT,
        channel_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        topic_key TEXT NOT NULL,
        quiet_from TEXT,
        quiet_to TEXT,
        timezone TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (platform, channel_id, topic_key)
      );
      CREATE TABLE alert_stories (
        alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        story_key TEXT NOT NULL,
        status TEXT NOT NULL,
        message_id TEXT,
        posted_at TEXT,
        posted_day TEXT,
        owner TEXT,
        lease_until TEXT,
        not_before TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, story_key)
      );
      CREATE TABLE alert_story_articles (
        alert_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        story_key TEXT NOT NULL,
        sent INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, article_id),
        FOREIGN KEY (alert_id, story_key) REFERENCES alert_stories(alert_id, story_key) ON DELETE CASCADE
      );
      CREATE INDEX alert_story_articles_story ON alert_story_articles(alert_id, story_key);
      CREATE INDEX alert_stories_day ON alert_stories(posted_day);
    `,
  },
];

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
  let count = 0;
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    count++;
  }
  return count;
}
