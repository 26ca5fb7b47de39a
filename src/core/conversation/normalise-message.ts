/**
 * @module core/conversation/normalise-message
 * A message as people type it, made comparable with the phrases the classifier knows: lower case,
 * straight apostrophes, no punctuation, chat shorthand spelt out ("u", "pls", "thx"), and typos of the
 * classifier's own key words corrected ("lates", "sumarize", "waht", "outlests").
 */

/** The words the classifier's patterns hinge on. Only these are corrected; other words are left alone. */
const KEY_WORDS = [
  'latest',
  'summarize',
  'summarise',
  'summary',
  'briefing',
  'headlines',
  'happened',
  'happening',
  'stories',
  'outlets',
  'reported',
  'reporting',
  'covered',
  'covering',
  'sources',
  'disagree',
  'disagreement',
  'thanks',
  'thank',
  'hello',
  'today',
];

const SHORTHAND: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  tnx: 'thanks',
  ty: 'thank you',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  whats: "what's",
  wats: "what's",
  "wat's": "what's",
  hiya: 'hi',
  heya: 'hey',
  helo: 'hello',
  hallo: 'hello',
  hii: 'hi',
  heyy: 'hey',
  sup: "what's up",
  abt: 'about',
  waht: 'what',
  whta: 'what',
  nwes: 'news',
  neews: 'news',
  nws: 'news',
  hlep: 'help',
  hepl: 'help',
};

/** Lower case, straight apostrophes, punctuation gone, spaces collapsed, shorthand and typos fixed. */
export function normaliseMessage(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'$%\s-]+/gu, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.map((w) => SHORTHAND[w] ?? SHORTHAND[correctTypo(w)] ?? correctTypo(w)).join(' ');
}

/** The key word a typed word is a typo of (one edit, two for words of eight letters or more), or the word itself. */
function correctTypo(word: string): string {
  // Short words are left alone: "that" is one edit from "what", "held" from "help".
  if (word.length < 5 || KEY_WORDS.includes(word) || /\d/.test(word)) return word;
  const allowed = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const key of KEY_WORDS) {
    if (Math.abs(key.length - word.length) > allowed) continue;
    const d = editDistance(word, key);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    } else if (d === bestDistance) best = null; // ambiguous: leave the word as typed
  }
  return best ?? word;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
 * neighbours each cost one. Written here because typing swaps letters ("waht") and the maintained
 * Levenshtein packages count a swap as two edits.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  const row0 = rows[0] as number[];
  for (let j = 0; j <= b.length; j++) row0[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
