/**
 * @module feeds/entry-key
 * What names a feed entry across polls and feeds: a stable key within its feed (guid or Atom id, else
 * the canonical link, else a content hash), the canonical URL that makes the same article reached
 * through two feeds one article, and a fingerprint that tells an edited entry from an unchanged one.
 */
import { createHash } from 'node:crypto';
import type { FeedEntry } from '../ingest/feed.js';

// Tracking parameters: Google Analytics/Ads, Facebook, Microsoft, Mailchimp, HubSpot, Instagram, Yandex.
const TRACKING =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|yclid|ref_src)$/i;

/** The URL without tracking parameters or a fragment, so copies of one link compare equal. */
export function canonicalUrl(link: string): string {
  try {
    const url = new URL(link);
    for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
    url.hash = '';
    return url.toString();
  } catch {
    return link;
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The entry's key within its feed. */
export function entryKey(entry: FeedEntry): string {
  if (entry.guid) return `id:${entry.guid}`;
  if (entry.link) return `url:${canonicalUrl(entry.link)}`;
  return `hash:${sha(`${entry.title ?? ''}\n${entry.summary ?? ''}`)}`;
}

/** The article an entry is stored as: its canonical link, else its key under the feed's URL. */
export function entryOrigin(entry: FeedEntry, feedUrl: string): string {
  if (entry.link) return canonicalUrl(entry.link);
  return `${feedUrl}#${entryKey(entry).replace(/^id:/, 'guid:')}`;
}

/** Changes when the entry's title, link, date or text does. */
export function entryFingerprint(entry: FeedEntry): string {
  return sha(JSON.stringify([entry.title, entry.link, entry.publishedAt, entry.summary]));
}
