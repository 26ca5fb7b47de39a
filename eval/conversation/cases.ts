/**
 * @module eval/conversation/cases
 * Conversation cases, written as people type to a chat bot (lower case, typos, no question mark,
 * shorthand), each a few turns with what the last reply must contain or must not do. Over the bundled
 * seeds (one story: the OpenAI–AWS deal, five articles) and over the realpages-dev pages ingested by
 * URL. The cases marked `heldOut` were written with the others, before any run, and are never looked
 * at while changing the code: `npm run eval:conversation -- --report` prints them.
 */

export const CATEGORIES = [
  'briefing',
  'topic briefing',
  'more',
  'coverage',
  'disagreement',
  'pronoun follow-up',
  'small talk/meta',
  'unresolvable',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type ReplyKind = 'answer' | 'briefing' | 'coverage' | 'chat' | 'clarify';

export interface Expectation {
  /** The reply's kind (one of these). */
  kind?: ReplyKind | ReplyKind[];
  /** Each of these (case-insensitive) is in the reply. */
  all?: string[];
  /** At least one of these is. */
  any?: string[];
  /** None of these is. */
  none?: string[];
  /** The reply cites at least one source (true) or none (false). */
  cited?: boolean;
}

export interface ConversationCase {
  id: string;
  corpus: 'seeds' | 'pages';
  category: Category;
  turns: string[];
  expect: Expectation;
  heldOut?: boolean;
}

/** What an answer to a chat message must never say: the lookup bot's abstentions. */
export const ABSTAINS = ["couldn't find anything to look up", "don't say", "don't support an answer"];

const c = (
  id: string,
  corpus: ConversationCase['corpus'],
  category: Category,
  turns: string[],
  expect: Expectation,
  heldOut = false,
): ConversationCase => ({ id, corpus, category, turns, expect, ...(heldOut ? { heldOut } : {}) });

const HELD = true;

export const CASES: ConversationCase[] = [
  // --- seeds ---
  c('s-b1', 'seeds', 'briefing', ['whats the latest'], {
    kind: 'briefing',
    all: ['2026-02-27', 'GeekWire'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-b2', 'seeds', 'briefing', ['sumarize the news'], {
    kind: 'briefing',
    all: ['$38 billion'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-b3', 'seeds', 'briefing', ['what happend this week'], {
    kind: 'briefing',
    all: ['7 days'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-b4', 'seeds', 'briefing', ['brief me'], { kind: 'briefing', none: ABSTAINS, cited: true }),
  c('s-b5', 'seeds', 'briefing', ['hey whats new today'], {
    kind: 'briefing',
    all: ['24 hours'],
    none: ABSTAINS,
    cited: true,
  }),
  c(
    's-b6',
    'seeds',
    'briefing',
    ['top stories pls'],
    { kind: 'briefing', none: ABSTAINS, cited: true },
    HELD,
  ),
  c(
    's-b7',
    'seeds',
    'briefing',
    ['give me the headlines'],
    { kind: 'briefing', none: ABSTAINS, cited: true },
    HELD,
  ),
  c('s-t1', 'seeds', 'topic briefing', ['whats the latest on openai'], {
    kind: 'briefing',
    all: ['OpenAI'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-t2', 'seeds', 'topic briefing', ['any news about nvidia'], {
    kind: ['briefing', 'answer'],
    any: ['Nvidia'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-t3', 'seeds', 'topic briefing', ['whats the latest on the weather in paris'], {
    kind: 'briefing',
    all: ['no articles about'],
    none: ['$38 billion'],
  }),
  c(
    's-t4',
    'seeds',
    'topic briefing',
    ['latest on aws'],
    { kind: 'briefing', all: ['AWS'], none: ABSTAINS, cited: true },
    HELD,
  ),
  c('s-m1', 'seeds', 'more', ['whats new', 'what else'], {
    kind: 'briefing',
    all: ["That's all"],
    none: ABSTAINS,
  }),
  c('s-m2', 'seeds', 'more', ['who is the ceo of aws', 'more'], {
    kind: 'answer',
    none: ABSTAINS,
    cited: true,
  }),
  c('s-m3', 'seeds', 'more', ['how big is the aws deal', 'tell me more'], {
    kind: 'answer',
    all: ['More on'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-m4', 'seeds', 'more', ['brief me', 'anything else'], { kind: 'briefing', none: ABSTAINS }),
  c(
    's-m5',
    'seeds',
    'more',
    ['tell me about the aws deal', 'what else'],
    { kind: 'answer', none: ABSTAINS, cited: true },
    HELD,
  ),
  c(
    's-m6',
    'seeds',
    'more',
    ['how big is the aws deal', 'tell me more', 'and more'],
    { kind: 'answer', none: ABSTAINS },
    HELD,
  ),
  c('s-c1', 'seeds', 'coverage', ['which outlets covered the deal'], {
    kind: 'coverage',
    all: ['GeekWire', 'outlet not named', 'date unknown'],
    cited: true,
  }),
  c('s-c2', 'seeds', 'coverage', ['who reported the openai aws deal'], {
    kind: 'coverage',
    all: ['5 articles'],
    cited: true,
  }),
  c('s-c3', 'seeds', 'coverage', ['how big is the aws deal', 'who reported that'], {
    kind: 'coverage',
    all: ['GeekWire'],
    cited: true,
  }),
  c('s-c4', 'seeds', 'coverage', ['whats the latest', 'which outlets covered it'], {
    kind: 'coverage',
    all: ['GeekWire'],
    cited: true,
  }),
  c(
    's-c5',
    'seeds',
    'coverage',
    ['wich outlets coverd the aws deal'],
    { kind: 'coverage', all: ['GeekWire'], cited: true },
    HELD,
  ),
  c(
    's-c6',
    'seeds',
    'coverage',
    ['where did u read about the openai deal'],
    { kind: 'coverage', all: ['GeekWire'], cited: true },
    HELD,
  ),
  c('s-d1', 'seeds', 'disagreement', ['what do the sources disagree on'], {
    kind: 'coverage',
    all: ['disagree', 'not disclosed', '$38 billion'],
    cited: true,
  }),
  c('s-d2', 'seeds', 'disagreement', ['how much is the aws deal worth', 'do the sources disagree'], {
    any: ['disagree'],
    none: ABSTAINS,
    cited: true,
  }),
  c(
    's-d3',
    'seeds',
    'disagreement',
    ['whats the latest', 'where do the sources dissagree'],
    { all: ['disagree', 'not disclosed'], cited: true },
    HELD,
  ),
  c('s-p1', 'seeds', 'pronoun follow-up', ['Who is the CEO of AWS?', 'and what did he say'], {
    kind: 'answer',
    all: ['Garman'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p2', 'seeds', 'pronoun follow-up', ['who is the ceo of openai', 'what did he say about aws'], {
    kind: 'answer',
    all: ['Altman'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p3', 'seeds', 'pronoun follow-up', ['how big is the aws deal', 'when will it be deployed'], {
    kind: 'answer',
    all: ['2026'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p4', 'seeds', 'pronoun follow-up', ['who is the ceo of aws', 'how much?'], {
    kind: 'answer',
    all: ['$38 billion'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p5', 'seeds', 'pronoun follow-up', ['who is the ceo of aws', 'and what did he say', 'when'], {
    kind: 'answer',
    any: ['Monday', '2026', '2027'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p6', 'seeds', 'pronoun follow-up', ['what did sam altman say', 'what company does he run'], {
    kind: 'answer',
    all: ['OpenAI'],
    none: ABSTAINS,
    cited: true,
  }),
  c('s-p7', 'seeds', 'pronoun follow-up', ['how big is the openai deal', 'what does the company get'], {
    kind: 'answer',
    any: ['GPU', 'compute', 'infrastructure', 'Nvidia'],
    none: ABSTAINS,
    cited: true,
  }),
  c(
    's-p8',
    'seeds',
    'pronoun follow-up',
    ['who is matt garman', 'what did he say about openai'],
    { kind: 'answer', all: ['Garman'], none: ABSTAINS, cited: true },
    HELD,
  ),
  c(
    's-p9',
    'seeds',
    'pronoun follow-up',
    ['how big is the aws deal', 'thx', 'how long does it run'],
    { kind: 'answer', any: ['seven'], none: ABSTAINS, cited: true },
    HELD,
  ),
  c('s-s1', 'seeds', 'small talk/meta', ['hi'], { kind: 'chat', none: ABSTAINS, cited: false }),
  c('s-s2', 'seeds', 'small talk/meta', ['what can u do'], {
    kind: 'chat',
    any: ['OpenAI'],
    none: ABSTAINS,
    cited: false,
  }),
  c('s-s3', 'seeds', 'small talk/meta', ['how big is the aws deal', 'thx'], {
    kind: 'chat',
    none: ABSTAINS,
    cited: false,
  }),
  c('s-s4', 'seeds', 'small talk/meta', ['helo'], { kind: 'chat', none: ABSTAINS, cited: false }),
  c('s-s5', 'seeds', 'small talk/meta', ['help'], { kind: 'chat', none: ABSTAINS, cited: false }),
  c(
    's-s6',
    'seeds',
    'small talk/meta',
    ['hey there, what can you do for me'],
    { kind: 'chat', none: ABSTAINS, cited: false },
    HELD,
  ),
  c(
    's-s7',
    'seeds',
    'small talk/meta',
    ['good morning'],
    { kind: 'chat', none: ABSTAINS, cited: false },
    HELD,
  ),
  c('s-u1', 'seeds', 'unresolvable', ['what did he say'], {
    kind: 'clarify',
    all: ['Who do you mean by “he”'],
    cited: false,
  }),
  c('s-u2', 'seeds', 'unresolvable', ['when'], { kind: 'clarify', all: ['about what'], cited: false }),
  c('s-u3', 'seeds', 'unresolvable', ['hi', 'what did she say'], {
    kind: 'clarify',
    all: ['“she”'],
    cited: false,
  }),
  c('s-u4', 'seeds', 'unresolvable', ['who is the ceo of aws', 'what did she say'], {
    kind: 'clarify',
    all: ['“she”'],
    cited: false,
  }),
  c('s-u5', 'seeds', 'unresolvable', ['how much did they pay'], {
    kind: 'clarify',
    all: ['“they”'],
    cited: false,
  }),
  c(
    's-u6',
    'seeds',
    'unresolvable',
    ['tell me more about it'],
    { kind: 'clarify', none: ABSTAINS, cited: false },
    HELD,
  ),
  c(
    's-u7',
    'seeds',
    'unresolvable',
    ['thanks', 'and what did he mean'],
    { kind: 'clarify', all: ['“he”'], cited: false },
    HELD,
  ),

  // --- realpages-dev, ingested by URL ---
  c('p-b1', 'pages', 'briefing', ['whats the latest'], { kind: 'briefing', none: ABSTAINS, cited: true }),
  c('p-b2', 'pages', 'briefing', ['summarise the news'], { kind: 'briefing', none: ABSTAINS, cited: true }),
  c(
    'p-b3',
    'pages',
    'briefing',
    ['what happened this week'],
    { kind: 'briefing', none: ABSTAINS, cited: true },
    HELD,
  ),
  c('p-t1', 'pages', 'topic briefing', ['whats the latest on new zealand'], {
    kind: 'briefing',
    all: ['Zealand'],
    none: ABSTAINS,
    cited: true,
  }),
  c('p-t2', 'pages', 'topic briefing', ['latest on raspberry pi'], {
    kind: 'briefing',
    all: ['Raspberry'],
    none: ABSTAINS,
    cited: true,
  }),
  c(
    'p-t3',
    'pages',
    'topic briefing',
    ['whats new with mozilla'],
    { kind: ['briefing', 'answer'], all: ['Mozilla'], none: ABSTAINS, cited: true },
    HELD,
  ),
  c('p-c1', 'pages', 'coverage', ['who reported the whale strandings'], {
    kind: 'coverage',
    any: ['whale'],
    cited: true,
  }),
  c('p-c2', 'pages', 'coverage', ['which outlets covered super mario run'], {
    kind: 'coverage',
    any: ['MSN'],
    cited: true,
  }),
  c(
    'p-c3',
    'pages',
    'coverage',
    ['where did you read about the progress cargo ship'],
    { kind: 'coverage', any: ['Progress', 'cargo'], cited: true },
    HELD,
  ),
  c('p-m1', 'pages', 'more', ['how much is super mario run going to cost', 'tell me more'], {
    kind: 'answer',
    any: ['Mario'],
    none: ABSTAINS,
    cited: true,
  }),
  c('p-m2', 'pages', 'more', ['whats the latest', 'what else'], {
    kind: 'briefing',
    none: ABSTAINS,
    cited: true,
  }),
  c('p-m3', 'pages', 'more', ['latest on new zealand', 'more'], { kind: 'briefing', none: ABSTAINS }, HELD),
  c(
    'p-p1',
    'pages',
    'pronoun follow-up',
    ['how much is super mario run going to cost', 'when does it come out'],
    { kind: 'answer', any: ['December 15'], none: ABSTAINS, cited: true },
  ),
  c('p-p2', 'pages', 'pronoun follow-up', ['who is the ceo of vidyard', 'what did he say'], {
    kind: 'answer',
    all: ['Litt'],
    none: ABSTAINS,
    cited: true,
  }),
  c(
    'p-p3',
    'pages',
    'pronoun follow-up',
    ['how many raspberry pis have been shipped', 'how much does it cost'],
    { kind: 'answer', all: ['$35'], none: ABSTAINS, cited: true },
  ),
  c(
    'p-p4',
    'pages',
    'pronoun follow-up',
    ['what fact checking site does david emery write for', 'what did he retweet'],
    { kind: 'answer', any: ['Hamilton', 'Vulture'], none: ABSTAINS, cited: true },
    HELD,
  ),
  c('p-s1', 'pages', 'small talk/meta', ['hello', 'what can you do'], {
    kind: 'chat',
    none: [...ABSTAINS, 'OpenAI'],
    cited: false,
  }),
  c(
    'p-s2',
    'pages',
    'small talk/meta',
    ['thank you!!'],
    { kind: 'chat', none: ABSTAINS, cited: false },
    HELD,
  ),
  c('p-u1', 'pages', 'unresolvable', ['what did he say'], { kind: 'clarify', all: ['“he”'], cited: false }),
  c(
    'p-u2',
    'pages',
    'unresolvable',
    ['thanks', 'and how much did it cost'],
    { kind: 'clarify', none: ABSTAINS, cited: false },
    HELD,
  ),
  c('p-d1', 'pages', 'disagreement', ['what do the sources disagree on'], {
    kind: 'coverage',
    none: ABSTAINS,
  }),
  c(
    'p-d2',
    'pages',
    'disagreement',
    ['who reported the whale strandings', 'do they disagree'],
    { kind: 'coverage', none: ABSTAINS },
    HELD,
  ),
];
