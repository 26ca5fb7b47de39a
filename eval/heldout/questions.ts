/**
 * @module eval/heldout/questions
 * The reader's held-out questions: written for issue 15 over seven news articles of rtqa-news's test
 * weeks (the text is read from ../shared/data/rtqa-news, never copied here), on facts each article
 * states, and near misses on facts it does not. Never tuned on: run only to report
 * (`npm run eval:pages -- --heldout ../shared/data/rtqa-news`).
 */
import type { QuestionKind } from '../pages/dataset.js';

export interface HeldoutArticle {
  /** The rtqa-news document id. */
  doc: string;
  name: string;
}

export interface HeldoutQuestion {
  id: string;
  page: string;
  q: string;
  kind: QuestionKind;
  /** Expected answer strings; empty for a near miss (a fact the article does not give). */
  any: string[];
}

export const HELDOUT_ARTICLES: HeldoutArticle[] = [
  { doc: '20230825-73', name: 'finnair-weighing' },
  { doc: '20231013-116', name: 'powerball-jackpot' },
  { doc: '20231027-10', name: 'young-scientist' },
  { doc: '20231103-167', name: 'buybuy-baby' },
];

export const HELDOUT_QUESTIONS: HeldoutQuestion[] = [
  {
    id: 'h-01',
    page: 'finnair-weighing',
    q: 'How many passengers has Finnair asked to step on the scale?',
    kind: 'count',
    any: ['180'],
  },
  {
    id: 'h-02',
    page: 'finnair-weighing',
    q: 'How many volunteers does Finnair need in total for its weighing survey?',
    kind: 'count',
    any: ['2,000'],
  },
  {
    id: 'h-03',
    page: 'finnair-weighing',
    q: 'Whose standard passenger weight estimates does Finnair use at the moment?',
    kind: 'organisation',
    any: ['European Aviation Safety Agency', 'EASA'],
  },
  {
    id: 'h-04',
    page: 'finnair-weighing',
    q: 'Why is Finnair weighing its passengers?',
    kind: 'reason',
    any: ['calculate plane weight', 'estimates', 'still valid'],
  },
  {
    id: 'h-05',
    page: 'finnair-weighing',
    q: "Who gets to see a passenger's weighing result at Finnair?",
    kind: 'person',
    any: ['customer service agent'],
  },
  {
    id: 'h-06',
    page: 'finnair-weighing',
    q: 'How much does a Finnair ticket from Helsinki to New York cost?',
    kind: 'amount',
    any: [],
  },
  {
    id: 'h-07',
    page: 'finnair-weighing',
    q: 'How many passengers refused to be weighed by Finnair?',
    kind: 'count',
    any: [],
  },
  {
    id: 'h-08',
    page: 'powerball-jackpot',
    q: 'Where was the winning $1.73 billion Powerball ticket sold?',
    kind: 'place',
    any: ['Midway Market', 'Frazier Park'],
  },
  {
    id: 'h-09',
    page: 'powerball-jackpot',
    q: 'How many drawings in a row went without a Powerball jackpot winner before this one?',
    kind: 'count',
    any: ['35', '36', '39'],
  },
  {
    id: 'h-10',
    page: 'powerball-jackpot',
    q: 'What is the estimated cash option for the $1.73 billion Powerball jackpot?',
    kind: 'amount',
    any: ['$756.6 million'],
  },
  {
    id: 'h-11',
    page: 'powerball-jackpot',
    q: 'What are the odds of winning the Powerball jackpot?',
    kind: 'amount',
    any: ['292.2 million'],
  },
  {
    id: 'h-12',
    page: 'powerball-jackpot',
    q: 'How much does a Powerball ticket cost in most states?',
    kind: 'amount',
    any: ['$2'],
  },
  {
    id: 'h-13',
    page: 'powerball-jackpot',
    q: 'Over how many years is the Powerball annuity paid out?',
    kind: 'duration',
    any: ['30 years'],
  },
  {
    id: 'h-14',
    page: 'powerball-jackpot',
    q: 'What is the name of the person who won the $1.73 billion Powerball jackpot?',
    kind: 'person',
    any: [],
  },
  {
    id: 'h-15',
    page: 'powerball-jackpot',
    q: 'How much federal tax will the Powerball jackpot winner pay?',
    kind: 'amount',
    any: [],
  },
  {
    id: 'h-16',
    page: 'young-scientist',
    q: "Who was named America's Top Young Scientist?",
    kind: 'person',
    any: ['Heman Bekele'],
  },
  {
    id: 'h-17',
    page: 'young-scientist',
    q: 'What did Heman Bekele invent?',
    kind: 'description',
    any: ['soap'],
  },
  {
    id: 'h-18',
    page: 'young-scientist',
    q: "How much cash does the winner of America's Top Young Scientist get?",
    kind: 'amount',
    any: ['$25,000'],
  },
  {
    id: 'h-19',
    page: 'young-scientist',
    q: "Which companies run the America's Top Young Scientist award?",
    kind: 'organisation',
    any: ['3M', 'Discovery Education'],
  },
  {
    id: 'h-20',
    page: 'young-scientist',
    q: 'Where is Heman Bekele from?',
    kind: 'place',
    any: ['Annandale'],
  },
  {
    id: 'h-21',
    page: 'young-scientist',
    q: 'Who came second in the young scientist competition?',
    kind: 'person',
    any: ['Shripriya Kalbhavi'],
  },
  { id: 'h-22', page: 'young-scientist', q: 'Which school does Heman Bekele attend?', kind: 'name', any: [] },
  {
    id: 'h-23',
    page: 'young-scientist',
    q: "How much did Heman Bekele's research cost in total?",
    kind: 'amount',
    any: [],
  },
  {
    id: 'h-24',
    page: 'buybuy-baby',
    q: 'How many stores will Buybuy Baby reopen?',
    kind: 'count',
    any: ['11'],
  },
  {
    id: 'h-25',
    page: 'buybuy-baby',
    q: 'When will the Buybuy Baby stores reopen?',
    kind: 'date',
    any: ['Nov. 18'],
  },
  {
    id: 'h-26',
    page: 'buybuy-baby',
    q: 'Who is the CEO of Buybuy Baby?',
    kind: 'person',
    any: ['Pete Daleiden'],
  },
  {
    id: 'h-27',
    page: 'buybuy-baby',
    q: 'Which company bought the leases of the Buybuy Baby locations?',
    kind: 'organisation',
    any: ['Dream On Me'],
  },
  {
    id: 'h-28',
    page: 'buybuy-baby',
    q: "How much did Dream On Me pay for Buybuy Baby's intellectual property?",
    kind: 'amount',
    any: ['$15.5 million'],
  },
  {
    id: 'h-29',
    page: 'buybuy-baby',
    q: 'In what year was Buybuy Baby founded?',
    kind: 'date',
    any: ['1996'],
  },
  {
    id: 'h-30',
    page: 'buybuy-baby',
    q: 'How many employees will the reopened Buybuy Baby stores hire?',
    kind: 'count',
    any: [],
  },
  {
    id: 'h-31',
    page: 'buybuy-baby',
    q: 'How much did Dream On Me pay for Bed Bath & Beyond?',
    kind: 'amount',
    any: [],
  },
];
