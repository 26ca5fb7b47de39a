/**
 * @module store/topic-key
 * How every store compares digest topics: case- and spacing-insensitively; '' is "no topic" (a NULL
 * would never conflict in a UNIQUE constraint).
 */
export function topicKey(topic: string | null | undefined): string {
  return (topic ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}
