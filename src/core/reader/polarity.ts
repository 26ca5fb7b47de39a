/**
 * @module core/reader/polarity
 * Whether a sentence says yes or no to what a question asks ("did it happen?"): the clause that
 * carries the question's words is read for negations the question does not already hold, so "The
 * court rejected the appeal" and "The court did not reject the appeal" differ on "Did the court
 * reject the appeal?", and "…will run, not only in summer" is no denial. A sentence that declines to
 * say ("would not confirm whether…") answers neither way.
 */
import { tokenize } from '../text/tokenize.js';

/** Words that deny or negate a claim; "not only" adds rather than denies. */
const NEGATION =
  /\b(?:not(?! only)|never|no longer|none|neither|nor|nobody|nothing|no(?= [a-z])|den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|ruled out|rules out)\b|n['’]t\b/gi;
/** The sentence says it cannot or will not tell: no answer either way. */
const NON_ANSWER =
  /\b(?:declin(?:ed|es|ing) to (?:comment|say|confirm|disclose|elaborate|specify)|(?:would|could|did|does|do|will) not (?:say|confirm|comment|disclose|specify)|(?:wouldn't|couldn't|didn't|doesn't|won't) (?:say|confirm|comment|disclose|specify)|(?:is|was|remains|remained) (?:not (?:yet )?)?(?:unclear|not clear|not known|unknown)|unclear (?:whether|if)|not (?:yet )?(?:been )?(?:decided|confirmed|disclosed))\b/i;
/** Where a sentence turns to another claim: the clauses are read apart. */
const CLAUSE_BREAK = /[;:—–]|,\s+(?=(?:but|while|although|though|whereas|yet)\b)|\s+but\s+/u;

/**
 * true when the clause of `sentence` that carries `question` denies it, false when it affirms it, null
 * when the sentence declines to say.
 */
export function deniesClaim(sentence: string, question: string): boolean | null {
  if (NON_ANSWER.test(sentence)) return null;
  const asked = new Set(tokenize(question));
  const clauses = sentence.split(CLAUSE_BREAK).filter((c) => c.trim().length > 0);
  const carried = (c: string) => tokenize(c).filter((t) => asked.has(t)).length;
  const clause = clauses.reduce((best, c) => (carried(c) > carried(best) ? c : best), clauses[0] ?? '');
  // A negation the question holds too ("Did the court reject…?") is part of what is asked.
  const questionWords = new Set(question.toLowerCase().match(/[a-z'’]+/g) ?? []);
  const stem = (w: string) => tokenize(w)[0] ?? w.toLowerCase();
  const questionStems = new Set([...questionWords].map(stem));
  const negations = (clause.match(NEGATION) ?? []).filter((m) => {
    const word = m.toLowerCase();
    return !questionWords.has(word) && !questionStems.has(stem(word));
  });
  return negations.length % 2 === 1;
}
