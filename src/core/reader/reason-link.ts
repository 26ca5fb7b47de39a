/**
 * @module core/reader/reason-link
 * A reason is a causal link bound to what the question asks about: "because", "due to", "since he…",
 * "so that", "in order to", "the reason", "led to", "caused by", "as a result", "died of"… in a
 * sentence that also names the asked event or claim (a word of the question that is no part of its
 * names, in any of its forms). A sentence that says "after" (a time, not a cause), "so" as an
 * intensifier ("so much"), "lets" or "allows" (what is possible, not why), or that names only the
 * question's people and places, gives no reason.
 */
import { variantsOf } from '../text/synonyms.js';
import { tokenize } from '../text/tokenize.js';

/**
 * Connectives and nouns of cause and purpose. "since" only before a subject pronoun ("since he
 * stopped…": "since 2019" and "since the launch" are times); ", so" only before a clause's subject.
 */
const CAUSAL_LINK = new RegExp(
  [
    String.raw`\bbecause\b(?: of\b)?`,
    String.raw`\b(?:due|owing|thanks) to\b`,
    String.raw`\bas a (?:direct )?(?:result|consequence)\b(?: of\b)?`,
    String.raw`\b(?:caused|triggered|sparked|prompted|driven|fuel(?:l)?ed) by\b`,
    String.raw`\bcaus(?:e|es|ed|ing)\b`,
    String.raw`\b(?:the|a|one|main|chief|key|big(?:gest)?) (?:\w+ )?(?:reasons?|causes?|motives?|explanations?)\b`,
    String.raw`\breasons? (?:why|for|is|was|are|were)\b`,
    String.raw`\b(?:led|leads?|leading) to\b`,
    String.raw`\bresult(?:s|ed|ing)? (?:in|from)\b`,
    String.raw`\bstem(?:s|med|ming)? from\b`,
    // "My ability to avoid it comes from privilege": the source of a state is its cause.
    String.raw`\b(?:comes?|came|springs?|sprang|arises?|arose) from\b`,
    String.raw`\bblam(?:e|ed|es|ing)\b`,
    String.raw`\battribut(?:e|es|ed|ing) (?:\w+ )?to\b`,
    String.raw`\bso that\b`,
    String.raw`\bin (?:an effort|order) to\b`,
    String.raw`\bfor fear\b`,
    String.raw`\b(?:die[sd]?|dying) (?:of|from)\b`,
    String.raw`\bdeath (?:by|from|of)\b`,
    String.raw`\bsince (?:he|she|they|we|i|you|it|there)\b`,
    String.raw`, so (?:he|she|they|we|i|you|it|there|the|this|that|these|those|his|her|their|its|our)\b`,
  ].join('|'),
  'gi',
);

/** The causal links `sentence` states ("because", "due to"…), as written. */
export function causalLinksIn(sentence: string): string[] {
  return sentence.match(CAUSAL_LINK) ?? [];
}

const QUESTION_WORD = /^(?:why|what|which|who|how|when|where)$/i;

/**
 * The question's words that say what happened or is claimed ("launch", "stay", "die"), not who or
 * where: its lower-case words, as index terms (stop words fall away in `tokenize`).
 */
export function eventTermsOf(question: string): string[] {
  const words = question.split(/[\s,;:!?()"“”]+/u).filter((w, i) => {
    if (!w || QUESTION_WORD.test(w)) return false;
    return i === 0 ? false : !/^\p{Lu}/u.test(w);
  });
  return [...new Set(words.flatMap((w) => tokenize(w)))];
}

/**
 * `sentence` gives a reason for what `question` asks about: it states a causal link and names the
 * asked event or claim in one of its forms. A question whose every word is a name or a stop word
 * binds to nothing further: the link alone then answers.
 */
export function givesReason(sentence: string, question: string): boolean {
  return causalLinksIn(sentence).length > 0 && namesAskedEvent(sentence, question);
}

/** `text` names what `question` asks about in one of its forms (or the question names nothing else). */
export function namesAskedEvent(text: string, question: string): boolean {
  const event = eventTermsOf(question);
  if (event.length === 0) return true;
  const terms = new Set(tokenize(text));
  return event.some((t) => variantsOf(t).some((v) => terms.has(v)));
}
