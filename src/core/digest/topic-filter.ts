/**
 * @module core/digest/topic-filter
 * Which articles a digest topic covers, the same for subscriptions and every on-demand digest: at least
 * half of the topic's index terms in the article's title and lead, or, for a topic made only of stop
 * words ("WHO", "IT", "The Who"), the words themselves as written.
 */
import { tokenize } from '../text/tokenize.js';

const LEAD_CHARS = 2000;

interface Lead {
  title: string;
  text: string;
}

/**
 * Why `topic` cannot pick out news, or null when it can. Where topics are typed (subscribe, `brief
 * digest --topic`), a problem is refused with this text. A topic made only of stop words is accepted when
 * it has a capital ("WHO", "IT", "The Who": matched as written); in lower case ("who", "the") it would
 * match nearly every article.
 */
export function topicProblem(topic: string): string | null {
  const shown = topic.trim();
  if (!/[\p{L}\p{N}]/u.test(topic)) return `a topic needs a word to look for, e.g. AI chips (got "${shown}")`;
  if (tokenize(topic).length > 0 || /\p{Lu}/u.test(topic)) return null;
  return (
    `"${shown}" is only common words and would match nearly every article; ` +
    'write a name or acronym as it is printed, e.g. WHO or The Who'
  );
}

/**
 * A test for articles about `topic`. A topic of stop words only has no index terms: it matches as a
 * phrase of whole words, case-sensitively when it has a capital ("WHO" is not "who").
 */
export function topicFilter(topic: string): (article: Lead) => boolean {
  const lead = (a: Lead) => `${a.title} ${a.text.slice(0, LEAD_CHARS)}`;
  const wanted = [...new Set(tokenize(topic))];
  if (wanted.length > 0) {
    const needed = Math.ceil(wanted.length / 2);
    return (a) => {
      const terms = new Set(tokenize(lead(a)));
      return wanted.filter((t) => terms.has(t)).length >= needed;
    };
  }
  const words = topic
    .trim()
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return () => false;
  const phrase = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const flags = /\p{Lu}/u.test(topic) ? 'u' : 'iu';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, flags);
  return (a) => pattern.test(lead(a));
}
