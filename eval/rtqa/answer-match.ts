/**
 * @module eval/rtqa/answer-match
 * The data set's own string test (README, "How the data were derived", steps 2 and 3): a gold answer
 * is found in a text when its matching form is a substring of the text's matching form, with word
 * boundaries at whichever ends of the answer are letters or digits. Using the same test as the
 * judgements keeps answer containment comparable with the qrels.
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/gu;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/gu;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** NFKC, case folded, straight quotes, plain hyphens, single spaces. */
export function matchingForm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ');
}

/** An answer's matching form also loses enclosing quotes and a final full stop ("“Spare”" -> spare). */
export function answerForm(answer: string): string {
  let form = matchingForm(answer).trim();
  for (;;) {
    const next = form
      .replace(/^["']+|["']+$/gu, '')
      .replace(/\.$/u, '')
      .trim();
    if (next === form) return form;
    form = next;
  }
}

/**
 * How many times `needle` (answer form) occurs in `haystack` (matching form) as whole words, counting
 * up to `stopAt`.
 */
export function countForm(haystack: string, needle: string, stopAt = Number.POSITIVE_INFINITY): number {
  if (needle === '') return 0;
  const checkStart = WORD_CHAR.test(needle[0] ?? '');
  const checkEnd = WORD_CHAR.test(needle[needle.length - 1] ?? '');
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && count < stopAt; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (checkStart && before !== undefined && WORD_CHAR.test(before)) continue;
    if (checkEnd && after !== undefined && WORD_CHAR.test(after)) continue;
    count++;
  }
  return count;
}

/** Whether `needle` (answer form) occurs in `haystack` (matching form) as whole words. */
export function containsForm(haystack: string, needle: string): boolean {
  return countForm(haystack, needle, 1) > 0;
}

/** Whether any gold answer occurs in `text` by the data set's rule. */
export function containsAnswer(text: string, answers: readonly string[]): boolean {
  const haystack = matchingForm(text);
  return answers.some((a) => containsForm(haystack, answerForm(a)));
}
