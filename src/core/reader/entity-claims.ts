/**
 * @module core/reader/entity-claims
 * The organisation, place or named thing a sentence clearly gives as its answer, to compare sources
 * ("Halvorsen Marine will build the bridge" / "Brightwater Shipyards will build the bridge"). Names in
 * the attribution ("…, Reuters reported", "according to the council") are who says it, not what is
 * said. Countries and regions are not claimed: a city lies in them (Philadelphia / the United States,
 * Austin / Texas), which a reader without a gazetteer cannot tell from a disagreement.
 */
import type { ReaderKind } from './answer-kind.js';
import type { TaggedWord } from './counted-thing.js';

/** Who says it: removed before the claims are read. */
const ATTRIBUTION = [
  /,?\s*according to [^,;.]+/giu,
  /,\s*(?:the |a |an )?[\p{L}\p{N}.&'’ -]{1,60}? (?:said|says|reported|reports|told [\p{L}.]+|announced|confirmed|wrote|showed|shows|show)\b[^,;]*?(?=[,;.]|$)/giu,
  /,\s*(?:said|says|reported|wrote) [^,;.]+/giu,
  /^[\p{L}\p{N}.&'’ -]{1,60}? (?:said|says|reported|reports|announced|confirmed|wrote)(?: on \p{L}+)? (?:that )?/iu,
  /\b(?:told|tells) (?:the )?\p{Lu}[\p{L}.&'’-]*(?: \p{Lu}[\p{L}.&'’-]*)*/gu,
];

export function withoutAttribution(sentence: string): string {
  let s = sentence;
  for (const re of ATTRIBUTION) s = s.replace(re, '');
  return s.trim();
}

const QUOTED = /["“‘]([^"”’]{2,80})["”’]/gu;
const CAPITALISED_RUN =
  /(?:\p{Lu}[\p{L}\p{N}'’.&-]*|\p{N}+\p{Lu}[\p{L}\p{N}]*)(?:\s+(?:of |de |des |van |von |the |and |& )?\p{Lu}[\p{L}\p{N}'’.&-]*)*/gu;
const PLACE_AFTER =
  /\b(?:in|at|from|near|to|into|outside) ((?:the )?\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)*)/gu;
/** Words that open a sentence or a name without being one. */
const LEADING = new Set(
  'the a an this that these those it its he she they we i his her their our there here in on at for but and or so if when while as after before by with from of to also then now meanwhile however'.split(
    ' ',
  ),
);

/** Tags of each word, by its lower-cased text. */
function tagsByWord(words: TaggedWord[]): Map<string, string[]> {
  return new Map(words.map((w) => [w.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''), w.tags]));
}

function capitalisedRuns(text: string): string[] {
  const runs: string[] = [];
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    const words = m[0].replace(/[.,]+$/u, '').split(/\s+/);
    while (words.length > 0 && LEADING.has(words[0]?.toLowerCase() ?? '')) words.shift();
    if (words.length > 0) runs.push(words.join(' '));
  }
  return runs;
}

/**
 * The organisations, places or named things `sentence` gives (before the question's own words are
 * taken out), from compromise's tagged words of the sentence.
 */
export function entityClaims(sentence: string, words: TaggedWord[], kind: ReaderKind): string[] {
  const said = withoutAttribution(sentence);
  const tags = tagsByWord(words);
  const tagged = (span: string, tag: string) =>
    span
      .split(/\s+/)
      .some((w) => tags.get(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))?.includes(tag) ?? false);
  const notDate = (s: string) => !tagged(s, 'Date') && !tagged(s, 'Month') && !tagged(s, 'WeekDay');
  switch (kind) {
    case 'organisation':
      return capitalisedRuns(said).filter(
        (s) => notDate(s) && !(tagged(s, 'Place') && !tagged(s, 'Organization')) && !allPerson(s, tags),
      );
    case 'place': {
      const places = [
        ...capitalisedRuns(said).filter((s) => tagged(s, 'Place')),
        ...[...said.matchAll(PLACE_AFTER)].map((m) => (m[1] ?? '').replace(/^the /, '')),
      ];
      return places.filter(
        (s) => notDate(s) && !tagged(s, 'Country') && !tagged(s, 'Region') && !allPerson(s, tags),
      );
    }
    case 'name': {
      const quoted = [...said.matchAll(QUOTED)].map((m) => m[1] ?? '');
      return quoted.length > 0 ? quoted : capitalisedRuns(said).filter(notDate);
    }
    default:
      return [];
  }
}

/** Every word is tagged a person: a person, not an organisation or a place. */
function allPerson(span: string, tags: Map<string, string[]>): boolean {
  return span
    .split(/\s+/)
    .every((w) => tags.get(w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))?.includes('Person') ?? false);
}
