/**
 * @module core/reader/answer-kind
 * The kind of answer a question wants, in the terms a careful reader would use: an amount, a count, a
 * date, a duration, a person, an organisation, a place, a named thing, yes or no, a reason or a
 * description. The reader then looks for an answer of that kind in the candidate sentence
 * (`answer-spans.ts`): "How many drawings…?" is not answered by a sentence without a number.
 */

export type ReaderKind =
  | 'amount'
  | 'count'
  | 'date'
  | 'duration'
  | 'person'
  | 'organisation'
  | 'place'
  | 'name'
  | 'yesno'
  | 'reason'
  | 'description';

const UNITS = 'seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries';
const ORGANISATION_NOUNS =
  'company|companies|firm|corporation|organi[sz]ation|site|website|newspaper|paper|outlet|agency|group|university|publication|publisher|brand|startup|bank|party|network|body|institution|foundation|studio|label|retailer|manufacturer|court|government|department|ministry|service|project';
const PLACE_NOUNS =
  'city|country|countries|state|town|village|place|region|island|continent|county|province|nation|area|neighbou?rhood|street|river|mountain';
const PERSON_NOUNS =
  'person|man|woman|people|writer|author|executive|ceo|official|player|politician|leader|artist|engineer|founder|scientist|journalist|reporter|director|designer|developer|actor|singer|employee|member';

/** Ordered: the first pattern that matches names the kind. */
const PATTERNS: [ReaderKind, RegExp][] = [
  [
    'reason',
    /\b(why|how come|for what reason|what (caused|causes|led to|leads to|made|makes|prompted|drove|is stopping|'s stopping)|what's stopping)\b/i,
  ],
  [
    'duration',
    new RegExp(
      `\\b(how long|how often|how many (${UNITS})|for how (long|many)|how much (time|downtime|uptime))\\b`,
      'i',
    ),
  ],
  // "The number of X fell by how much?" asks for an amount: "number of" counts only after it.
  ['count', /\b(how many|what number)\b/i],
  [
    'amount',
    /\b(how (much|big|large|expensive|fast|far|tall|heavy|high|old)|(what|which) (percentage|share|proportion|fraction|price|amount|altitude|distance|height|speed|rate|temperature)|what's the (\w+ ){0,3}(distance|rate|price|altitude)|at what (altitude|speed|height|price|rate)|(what|which) (is|was|are|were) (the |an? )?(average|median|mean|typical|total)|cost|price|worth|valued?|revenue|salary|budget|rent|fare|fee)\b/i,
  ],
  ['count', /\bnumber of\b/i],
  [
    'date',
    /\b(when (was|were|did|will|is|are|had|has)|what (year|date|day|month|time)|which (year|date|day|month|decade)|in what year|since when|until when|by when|when (does|do) .{1,60} (come out|launch|open|start|begin|arrive|go on sale))\b/i,
  ],
  ['person', new RegExp(`\\b(who|whom|whose|which (${PERSON_NOUNS})|what (${PERSON_NOUNS}))\\b`, 'i')],
  ['place', new RegExp(`\\b(where|(which|what) (${PLACE_NOUNS})|capital (city )?of)\\b`, 'i')],
  ['organisation', new RegExp(`\\b(which|what) ([\\w-]+ )?(${ORGANISATION_NOUNS})\\b`, 'i')],
  ['yesno', /^\s*(is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|must)\b/i],
  [
    'name',
    /\b(which|what (is|was|are|were) (the )?(name|title|term|word)|what .{0,40}\bcalled\b|what do .{1,40} call|name of|title of|what (\w+ ){0,2}(does|did|do) .{1,60} (use|recommend|suggest|name|pick|choose))\b/i,
  ],
];

export function kindOfQuestion(question: string): ReaderKind {
  return PATTERNS.find(([, re]) => re.test(question))?.[0] ?? 'description';
}

/** Kinds whose answer is a span the reader can find in a sentence (a reason by its cue words; not yes/no or description). */
export function hasAnswerSpan(kind: ReaderKind): boolean {
  return kind !== 'yesno' && kind !== 'description';
}
