/**
 * @module core/text/synonyms
 * Small groups of words that news reports use interchangeably ("deal", "agreement", "pact"). A query
 * term matches a passage that uses any word of its group. Kept short on purpose: every group must hold
 * words that mean the same thing in a news question, or retrieval drifts, and no word whose stem is
 * another common word's: "accord" is "according", "stated" is "state", "processing" is "process",
 * "job cuts" would make every price cut a layoff.
 */
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
  'gpu gpus',
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

/** The term and the terms that mean the same, the term first. */
export function variantsOf(term: string): string[] {
  const group = BY_TERM.get(term);
  return group ? [term, ...group.filter((t) => t !== term)] : [term];
}
