/**
 * @module core/text/synonyms
 * Small groups of words that news reports use interchangeably ("deal", "agreement", "pact"). A query
 * term matches a passage that uses any word of its group. Kept short on purpose: every group must hold
 * words that mean the same thing in a news question, or retrieval drifts, and no word whose stem is
 * another common word's: "accord" is "according", "stated" is "state", "processing" is "process",
 * "job cuts" would make every price cut a layoff. A term also matches its plural or singular where
 * Porter2 leaves the plural's s ("raspberry pis" / "pi", "gpus" / "gpu", "pcs" / "pc").
 */
import porter2 from 'wink-porter2-stemmer';
import { tokenize } from './tokenize.js';

const GROUPS = [
  'deal agreement partnership contract pact',
  'buy bought acquire acquisition purchase takeover',
  'pay paid',
  'sell sold',
  'ceo chief executive',
  'price cost valued value worth',
  'launch release unveil introduce debut',
  'sue lawsuit suit litigation',
  'kill killed die died dead death',
  'win won victory winner',
  'resign resignation quit',
  'ban banned prohibit prohibition',
  'chip chips semiconductor processor',
  'increase rise grew grow jump surge climb',
  'decrease fall fell drop decline plunge',
  'fire fired dismiss oust ousted',
  'arrest arrested detain detained',
  'election elect vote ballot',
  'layoff layoffs',
  'storm hurricane cyclone typhoon',
  'earthquake quake',
  'investment invest stake',
  'announce announcement unveil',
  'say said says told',
  'customer customers client clients',
  'rely reliance depend dependence dependency dependent',
  'office headquarters',
];

const BY_TERM: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of GROUPS) {
    const terms = [...new Set(group.split(' ').flatMap((w) => tokenize(w)))];
    for (const term of terms) map.set(term, [...new Set([...(map.get(term) ?? []), ...terms])]);
  }
  return map;
})();

/**
 * Plurals Porter2 leaves with their s (its rule for "gas" and "this", and for Latin "-us"): after the
 * word's only vowel ("pis", "gpus"), after no vowel ("pcs", "llms"), after a model number ("h100s"),
 * and three-letter words, which the tokenizer does not stem ("evs", "ads"). Matched at query time, not
 * stemmed at ingest: the terms stores already hold stay valid, in SQLite and PostgreSQL alike.
 */
const KEPT_PLURAL = /^(?:[^aeiouy\d]+[aeiouy]|[^aeiouy\d]{2,}|\p{L}+\d+|[aeiou][^aeiouy\d])s$/u;

/** Words of those shapes whose s is no plural ("Las Vegas", "Los Angeles", "Des Moines"). */
const NOT_PLURAL = new Set([
  'gas',
  'yes',
  'bus',
  'pus',
  'plus',
  'thus',
  'this',
  'las',
  'los',
  'les',
  'des',
  'dos',
  'mas',
]);

/** The singular of a plural Porter2 left whole, or the plural of such a singular; null for others. */
export function numberVariant(term: string): string | null {
  if (!term.endsWith('ss') && KEPT_PLURAL.test(term) && !NOT_PLURAL.has(term)) return term.slice(0, -1);
  const plural = `${term}s`;
  return !term.endsWith('s') && KEPT_PLURAL.test(plural) && !NOT_PLURAL.has(plural) ? plural : null;
}

/**
 * The stem a three-letter word's inflections share, where the tokenizer, which leaves such words
 * whole, gives them another: "try" is "tri" in "tried", "tries" and "trying" (Porter2's own stem of
 * the word; it differs only after a consonant's y). Null for others. At query time, as above.
 */
export function inflectedStem(term: string): string | null {
  if (!/^\p{Ll}{2,3}$/u.test(term) || term.endsWith('s')) return null;
  const stem = porter2(term);
  return stem !== term ? stem : null;
}

/** The term and the terms that mean the same (its group, its other number, its inflections' stem). */
export function variantsOf(term: string): string[] {
  const group = BY_TERM.get(term);
  const variants = group ? [term, ...group.filter((t) => t !== term)] : [term];
  for (const other of [numberVariant(term), inflectedStem(term)])
    if (other && !variants.includes(other)) variants.push(other);
  return variants;
}
