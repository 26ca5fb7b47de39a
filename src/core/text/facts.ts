/**
 * @module core/text/facts
 * Recognises the kinds of fact a sentence states (amounts, dates, people, quotations) and the phrases
 * by which reports decline to state one ("terms were not disclosed"), for answer choice and for
 * spotting sources that disagree.
 */
import type { AnswerKind } from '../query.js';

const AMOUNT =
  /([$€£]\s?\d[\d,.]*\s*(?:billion|million|trillion|bn|m|k)?|\d[\d,.]*\s*(?:%|percent|per cent|billion|million|trillion)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?) (?:of )?(?:thousand|million|billion)s?\b)/i;
const MONEY = /[$€£]\s?(\d[\d,]*(?:\.\d+)?)\s*(billion|million|trillion|bn)?\b/gi;
const DATE =
  /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}|(?:19|20)\d{2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|next (?:week|month|year)|last (?:week|month|year)|end of (?:the )?(?:year|month|quarter)|(?:first|second|third|fourth) quarter|q[1-4]|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[- ](?:years?|months?|weeks?|days?|decades?))\b/i;
const PERSON =
  /\b(?:said|says|stated|told|added|according to|ceo|chief executive|founder|president|minister|spokes(?:man|woman|person))\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b/;
const QUOTATION = /["“][^"”]{12,}["”]/;
const PLACE = /\b(?:in|at|from|near) [A-Z][a-z]+/;
const FIGURE_NOUN =
  /\b(?:terms|pric(?:e|ing)|value|valuation|amount|figures?|financial|financials|cost|sum|how much|fee|payment)\b/i;
const UNDISCLOSED =
  /\b(?:(?:were|was|are|is|have|has|had)(?: not| n't)(?: been)? (?:disclosed|revealed|made public|announced)|undisclosed|(?:did not|didn't|declined to|would not|wouldn't) (?:disclose|reveal|say|specify|comment on))\b/i;

export function statesKind(sentence: string, kind: AnswerKind): boolean {
  switch (kind) {
    case 'amount':
      return AMOUNT.test(sentence);
    case 'date':
      return DATE.test(sentence);
    case 'person':
      return PERSON.test(sentence);
    case 'quote':
      return QUOTATION.test(sentence);
    case 'place':
      return PLACE.test(sentence);
    default:
      return false;
  }
}

/** The kind of figure a sentence gives, so an answer about money isn't padded with percentages. */
export function figureType(sentence: string): 'money' | 'percent' | 'count' | null {
  MONEY.lastIndex = 0;
  if (MONEY.test(sentence)) {
    MONEY.lastIndex = 0;
    return 'money';
  }
  if (/\d\s*(%|percent|per cent)/i.test(sentence)) return 'percent';
  return AMOUNT.test(sentence) ? 'count' : null;
}

/** Money amounts in a sentence, in US dollars-ish units (the currency symbol is not converted). */
export function moneyAmounts(sentence: string): number[] {
  const amounts: number[] = [];
  for (const m of sentence.matchAll(MONEY)) {
    const value = Number((m[1] ?? '').replace(/,/g, ''));
    const unit = (m[2] ?? '').toLowerCase();
    const scale =
      unit === 'trillion' ? 1e12 : unit === 'billion' || unit === 'bn' ? 1e9 : unit === 'million' ? 1e6 : 1;
    if (Number.isFinite(value)) amounts.push(value * scale);
  }
  return amounts;
}

/**
 * The sentence declines to give a figure ("financial terms were not disclosed", "declined to comment
 * on the price"): a refusal about anything else ("did not specify which models") is no counterpoint to
 * a figure.
 */
export function declinesToState(sentence: string): boolean {
  return UNDISCLOSED.test(sentence) && FIGURE_NOUN.test(sentence);
}
