/**
 * @module store/postgres/pg-migrations
 * Versioned schema for the PostgreSQL store, the same tables as SQLite's (store/sqlite/migrations.ts)
 * with a GIN-indexed term array in place of FTS5. Append only: a released migration is never edited.
 * Each migration runs in its own transaction under an advisory lock, so processes starting together
 * migrate once. Times stay ISO-8601 text, as in SQLite: they sort as text and come back unchanged.
 */
import type { Pool, PoolClient } from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'articles and passage index',
    // `terms` (distinct title and body terms) finds candidates through GIN; `term_counts` holds each
    // term's [title, body] counts and `length` the row's tokens, so BM25 is scored as FTS5 scores it
    // (store/bm25.ts). passage_totals keeps N and the token total for BM25's average length, kept
    // right by a statement trigger whatever writes the passages.
    sql: `
      CREATE TABLE articles (
        id text PRIMARY KEY,
        origin text NOT NULL UNIQUE,
        content_hash text NOT NULL,
        title text NOT NULL,
        source text,
        url text,
        published_at text COLLATE "C",
        text text NOT NULL,
        first_ingested_at text COLLATE "C" NOT NULL,
        ingested_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX articles_content_hash ON articles (content_hash);
      CREATE INDEX articles_ingested_at ON articles (ingested_at);
      CREATE INDEX articles_published_at ON articles (published_at);
      CREATE TABLE passages (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        start integer NOT NULL,
        "end" integer NOT NULL,
        text text NOT NULL,
        sentences jsonb NOT NULL,
        terms text[] NOT NULL,
        term_counts jsonb NOT NULL,
        length integer NOT NULL
      );
      CREATE INDEX passages_article ON passages (article_id, ordinal);
      CREATE INDEX passages_terms ON passages USING gin (terms);
      CREATE TABLE passage_totals (
        id integer PRIMARY KEY CHECK (id = 1),
        passages bigint NOT NULL,
        tokens bigint NOT NULL
      );
      INSERT INTO passage_totals VALUES (1, 0, 0);
      CREATE FUNCTION passage_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE passage_totals SET passages = passages + n, tokens = tokens + t
        FROM (SELECT count(*) AS n, coalesce(sum(length), 0) AS t FROM added) AS d WHERE id = 1;
        RETURN NULL;
      END $$;
      CREATE FUNCTION passage_totals_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE passage_totals SET passages = passages - n, tokens = tokens - t
        FROM (SELECT count(*) AS n, coalesce(sum(length), 0) AS t FROM removed) AS d WHERE id = 1;
        RETURN NULL;
      END $$;
      CREATE TRIGGER passages_added AFTER INSERT ON passages REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION passage_totals_add();
      CREATE TRIGGER passages_removed AFTER DELETE ON passages REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION passage_totals_remove();
    `,
  },
  {
    version: 2,
    name: 'conversations and feedback',
    sql: `
      CREATE TABLE conversation_turns (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_key text NOT NULL,
        question text NOT NULL,
        answer text NOT NULL,
        context text,
        created_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX conversation_turns_key ON conversation_turns (conversation_key, id);
      CREATE TABLE answers (
        id text PRIMARY KEY,
        conversation_key text NOT NULL,
        question text NOT NULL,
        answer text NOT NULL,
        abstained boolean NOT NULL,
        mode text NOT NULL,
        citations jsonb NOT NULL,
        created_at text COLLATE "C" NOT NULL
      );
      CREATE TABLE feedback_votes (
        answer_id text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        vote text NOT NULL CHECK (vote IN ('up', 'down')),
        voted_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      );
    `,
  },
  {
    version: 3,
    name: 'digest subscriptions and runs',
    sql: `
      CREATE TABLE digest_subscriptions (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id text PRIMARY KEY,
        platform text NOT NULL,
        workspace_id text,
        channel_id text NOT NULL,
        topic text,
        topic_key text NOT NULL,
        schedule_label text NOT NULL,
        schedule_cron text NOT NULL,
        schedule_timezone text NOT NULL,
        quiet_when_empty boolean NOT NULL,
        created_by text NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        UNIQUE (platform, channel_id, topic_key)
      );
      CREATE TABLE digest_runs (
        subscription_id text NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
        scheduled_for text COLLATE "C" NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'retrying', 'sent', 'failed', 'skipped')),
        owner text,
        lease_until text COLLATE "C" NOT NULL,
        attempts integer NOT NULL,
        last_error text,
        updated_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (subscription_id, scheduled_for)
      );
    `,
  },
  {
    version: 4,
    name: 'the input each article came from',
    // As SQLite's migration 7: only the input that brought an article in may update it (core/ingest-
    // articles mayUpdate); older articles get it from their origin where the origin tells, NULL for a URL.
    sql: `
      ALTER TABLE articles ADD COLUMN source_kind text, ADD COLUMN source_input text;
      UPDATE articles SET source_kind = 'file', source_input = origin
        WHERE origin NOT ILIKE 'http://%' AND origin NOT ILIKE 'https://%';
      UPDATE articles SET source_kind = 'record', source_input = split_part(origin, '#', 1)
        WHERE source_kind = 'file' AND split_part(origin, '#', 1) ~* '\\.(json|jsonl|ndjson)$'
          AND position('#' in origin) > 0;
    `,
  },
  {
    version: 5,
    name: 'subscribed feeds and their entries',
    // As SQLite's migration 8: a feed's polling state and lease (as digest runs have), and per entry what
    // it was when stored, so an unchanged entry costs no page fetch and no write.
    sql: `
      CREATE TABLE feeds (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        url text PRIMARY KEY,
        fetch_url text NOT NULL,
        title text,
        every_ms bigint NOT NULL,
        added_by text NOT NULL,
        etag text,
        last_modified text,
        last_polled_at text COLLATE "C",
        next_poll_at text COLLATE "C",
        last_status text,
        last_error text,
        failures integer NOT NULL DEFAULT 0,
        failing_since text COLLATE "C",
        disabled boolean NOT NULL DEFAULT false,
        lease_owner text,
        lease_until text COLLATE "C",
        created_at text COLLATE "C" NOT NULL
      );
      CREATE TABLE feed_entries (
        feed_url text NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
        entry_key text NOT NULL,
        origin text NOT NULL,
        fingerprint text NOT NULL,
        PRIMARY KEY (feed_url, entry_key)
      );
      CREATE INDEX feed_entries_origin ON feed_entries (origin);
      CREATE INDEX feeds_next_poll ON feeds (disabled, next_poll_at);
    `,
  },
  {
    version: 6,
    name: 'term statistics for BM25 in SQL',
    // Per index term: how many passages hold it (BM25's document frequency) and the most times one
    // passage's title and body hold it (an upper bound, only ever raised), from which search bounds what
    // a term can add to a score and skips passages that cannot reach the top k (pg-ranking.ts).
    // Kept by statement triggers like passage_totals, named to fire after its triggers: a writer takes
    // the passage_totals row first, so writers of term_stats are already one at a time (no deadlock).
    // Decrements go through the same ordered upsert as increments. Existing passages are counted here.
    sql: `
      CREATE TABLE term_stats (
        term text COLLATE "C" PRIMARY KEY,
        df integer NOT NULL,
        max_title integer NOT NULL,
        max_body integer NOT NULL
      );
      INSERT INTO term_stats (term, df, max_title, max_body)
        SELECT e.key, count(*), max((e.value ->> 0)::int), max((e.value ->> 1)::int)
        FROM passages p, jsonb_each(p.term_counts) AS e GROUP BY e.key;
      CREATE FUNCTION term_stats_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO term_stats AS s (term, df, max_title, max_body)
          SELECT e.key, count(*), max((e.value ->> 0)::int), max((e.value ->> 1)::int)
          FROM added, jsonb_each(added.term_counts) AS e GROUP BY e.key ORDER BY e.key
        ON CONFLICT (term) DO UPDATE SET df = s.df + excluded.df,
          max_title = greatest(s.max_title, excluded.max_title),
          max_body = greatest(s.max_body, excluded.max_body);
        RETURN NULL;
      END $$;
      CREATE FUNCTION term_stats_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO term_stats AS s (term, df, max_title, max_body)
          SELECT k, -count(*), 0, 0 FROM removed, jsonb_object_keys(removed.term_counts) AS k
          GROUP BY k ORDER BY k
        ON CONFLICT (term) DO UPDATE SET df = s.df + excluded.df;
        RETURN NULL;
      END $$;
      CREATE TRIGGER passages_terms_added AFTER INSERT ON passages REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION term_stats_add();
      CREATE TRIGGER passages_terms_removed AFTER DELETE ON passages REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION term_stats_remove();
    `,
  },
  {
    version: 7,
    name: 'story alerts and their stories',
    // As SQLite's migration 10: an alert per channel and topic; per alert its stories (one row each, ever:
    // the claim and the first post's message id) and which story each article belongs to.
    sql: `
      CREATE TABLE alerts (
        id text PRIMARY KEY,
        platform text NOT NULL,
        workspace_id text,
        channel_id text NOT NULL,
        topic text NOT NULL,
        topic_key text NOT NULL,
        quiet_from text,
        quiet_to text,
        timezone text NOT NULL,
        created_by text NOT NULL,
        created_at text COLLATE "C" NOT NULL,
        UNIQUE (platform, channel_id, topic_key)
      );
      CREATE TABLE alert_stories (
        alert_id text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        story_key text NOT NULL,
        status text NOT NULL,
        message_id text,
        posted_at text COLLATE "C",
        posted_day text,
        owner text,
        lease_until text COLLATE "C",
        not_before text COLLATE "C",
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at text COLLATE "C" NOT NULL,
        PRIMARY KEY (alert_id, story_key)
      );
      CREATE TABLE alert_story_articles (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        alert_id text NOT NULL,
        article_id text NOT NULL,
        story_key text NOT NULL,
        sent boolean NOT NULL DEFAULT false,
        added_at text NOT NULL,
        PRIMARY KEY (alert_id, article_id),
        FOREIGN KEY (alert_id, story_key) REFERENCES alert_stories (alert_id, story_key) ON DELETE CASCADE
      );
      CREATE INDEX alert_story_articles_story ON alert_story_articles (alert_id, story_key);
      CREATE INDEX alert_stories_day ON alert_stories (posted_day);
    `,
  },
  {
    version: 8,
    name: 'passage vector spaces and pgvector',
    // As SQLite's vector_spaces: which embedding model (and width) the vector table holds; the table
    // itself is made by store/postgres/pg-vector-index.ts for that width. The extension is created when
    // the server has it (superuser only: pgvector is not a trusted extension); otherwise, or without the
    // right, a NOTICE says so and the rest of the schema goes on without it.
    sql: `
      CREATE TABLE vector_spaces (
        name text PRIMARY KEY,
        model text NOT NULL,
        dimensions integer NOT NULL,
        updated_at text COLLATE "C" NOT NULL
      );
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
          CREATE EXTENSION IF NOT EXISTS vector;
        ELSE
          RAISE NOTICE 'pgvector is not installed on this server: embeddings are off (docs/DEPLOY.md)';
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pgvector is installed but this user may not create it: %', SQLERRM;
      END $$;
    `,
  },
  {
    version: 9,
    name: 'chat state shared by every process',
    // As SQLite's migration 9 (store/postgres/pg-chat-state.ts): Slack event and message marks with an
    // expiry, the per-person rate limit and the share cache; times are epoch milliseconds. The rate
    // limit keeps one row per key with the hits still in its window, so one upsert (serialised by the
    // row lock) both decides and counts; expires_at (the last hit plus the window) lets a sweep drop it.
    sql: `
      CREATE TABLE chat_seen (key text PRIMARY KEY, expires_at bigint NOT NULL);
      CREATE INDEX chat_seen_expires ON chat_seen (expires_at);
      CREATE TABLE chat_rate_windows (
        key text PRIMARY KEY,
        hits bigint[] NOT NULL,
        allowed boolean NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX chat_rate_windows_expires ON chat_rate_windows (expires_at);
      CREATE TABLE chat_values (id text PRIMARY KEY, value text NOT NULL, expires_at bigint NOT NULL);
      CREATE INDEX chat_values_expires ON chat_values (expires_at);
    `,
  },
  {
    version: 10,
    name: 'term statistics counted by the article writer',
    // The writer of a group of passages adds their term statistics in the same transaction, from the
    // counts it already holds (pg-article-writes.ts): the insert trigger's jsonb_each over every added
    // row's term_counts was a third of the server's ingest time. Deletes still go through the trigger.
    sql: `
      DROP TRIGGER passages_terms_added ON passages;
      DROP FUNCTION term_stats_add();
    `,
  },
  {
    version: 11,
    name: 'cheaper passage and term statistics writes',
    // Ingest's server time (bench/ingest-rate.ts, perf): pglz compressing the wider passage rows was 7%,
    // so their columns use lz4 where the server has it (PostgreSQL 14+ built with lz4; rows already
    // stored keep theirs, both read the same). Every group of articles updates most term_stats rows;
    // room left in each page lets such an update stay on its page (a HOT update) instead of adding an
    // index entry for each new row version.
    sql: `
      ALTER TABLE term_stats SET (fillfactor = 70);
      DO $$
      BEGIN
        ALTER TABLE passages ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN sentences SET COMPRESSION lz4,
          ALTER COLUMN terms SET COMPRESSION lz4, ALTER COLUMN term_counts SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this server has no lz4: passages stay compressed with pglz (%)', SQLERRM;
      END $$;
    `,
  },
  {
    version: 12,
    name: 'champion lists of common terms',
    // Per common term (more passages than a list holds), its best passages by the term's BM25 weight
    // tf / (tf + k1 * (1 - b + b * length / reference)) at a fixed reference length, with the weighted
    // tf and length that give the term's exact summand at any mean length, and `tail`: the
    // most weight of any passage holding the term that is not in the list (pg-champions.ts bounds a
    // skipped passage's score with it, for any later mean length). A rare term has no list: search
    // finds its few passages through GIN. New passages wait in passages_unranked (a statement trigger,
    // no per-row work) until refreshChampions folds them in after their writer commits; search
    // scores the waiting ones in full, so the lists are never trusted for a passage they have not seen.
    // A list may grow to twice its length between trims (the trim re-reads the whole list). A deleted
    // passage leaves its lists; `entries` stays as counted, so a list only looks fuller.
    sql: `
      CREATE TABLE champion_settings (
        id integer PRIMARY KEY CHECK (id = 1),
        reference_length float8 NOT NULL
      );
      CREATE TABLE term_champion_tails (
        term text COLLATE "C" PRIMARY KEY,
        entries integer NOT NULL,
        floor float8 NOT NULL,
        tail float8 NOT NULL
      );
      CREATE TABLE term_champions (
        term text COLLATE "C" NOT NULL,
        weight float8 NOT NULL,
        passage_id integer NOT NULL,
        tf float8 NOT NULL,
        length integer NOT NULL
      );
      CREATE UNIQUE INDEX term_champions_best ON term_champions (term, weight DESC, passage_id)
        INCLUDE (tf, length);
      CREATE INDEX term_champions_passage ON term_champions (passage_id);
      CREATE TABLE passages_unranked (passage_id integer PRIMARY KEY);
      INSERT INTO passages_unranked SELECT id FROM passages;
      CREATE FUNCTION passages_unranked_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO passages_unranked SELECT id FROM added;
        RETURN NULL;
      END $$;
      CREATE FUNCTION term_champions_remove() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM term_champions c USING removed r WHERE c.passage_id = r.id;
        DELETE FROM passages_unranked u USING removed r WHERE u.passage_id = r.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER passages_unranked_added AFTER INSERT ON passages REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION passages_unranked_add();
      CREATE TRIGGER passages_unranked_removed AFTER DELETE ON passages REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION term_champions_remove();
    `,
  },
];

/** Any fixed number: every Briefbot process takes this advisory lock to migrate, one at a time. */
const MIGRATION_LOCK = 7_351_018;

/** Applies the migrations not yet applied; returns how many ran. Safe to call from several processes. */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (r) => r.version,
        ),
      );
      let count = 0;
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await inClientTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, new Date().toISOString()],
          );
        });
        count++;
      }
      return count;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The versions applied so far, in order. */
export async function appliedVersions(pool: Pool): Promise<number[]> {
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t");
  if (!exists.rows[0]?.t) return [];
  const rows = await pool.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  return rows.rows.map((r) => r.version);
}

/** `inClientTransaction` on a client taken from the pool for the transaction and released after it. */
export async function inPoolTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inClientTransaction(client, () => work(client));
  } finally {
    client.release();
  }
}

/** BEGIN, `work`, COMMIT on one client; ROLLBACK and rethrow when `work` fails. */
export async function inClientTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
