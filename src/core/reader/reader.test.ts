/**
 * The reader over small stores of articles written for these tests: freshness only for questions about
 * recent news, the kind of answer found in the sentence (or the one after it, or before a pronoun), the
 * question's names matched, near misses abstained, and disagreement only between articles.
 */
import { describe, expect, it } from 'vitest';
import { askOver } from '../../test-support/ask-over.js';
import type { ArticleDraft } from '../article.js';

const NOW = '2026-12-01T09:00:00.000Z';
const LAST_YEAR = '2025-03-14T00:00:00.000Z';

function draft(
  origin: string,
  title: string,
  text: string,
  publishedAt: string | null = LAST_YEAR,
): ArticleDraft {
  return { origin, title, source: 'The Valley Courier', url: null, publishedAt, text };
}

const MILL = draft(
  'mill.txt',
  'Riverside paper mill to close',
  [
    'The Riverside paper mill in Oakdale will close next spring, its owner Harlow Paper said on Tuesday.',
    'The plant employs 2,000 people. About 300 of them will lose their jobs before the summer.',
    'Harlow Paper blamed falling demand for newsprint and energy costs that doubled in two years.',
    'The council debated the rescue plan for the mill on Monday night. The result was 7 votes to 2 against it.',
    'Mayor Ines Corbett called the closure a blow to the town. She said the council would seek a buyer for the site by October.',
  ].join('\n'),
);
const BAKERY = draft(
  'bakery.txt',
  'A bakery that bakes only at night',
  [
    'Mina Osei opened her bakery on Quay Street in Portmere four years ago, after a decade as a nurse.',
    'She bakes from ten in the evening until six in the morning and sells out by noon most days.',
  ].join('\n'),
);

function briefingOver(drafts: ArticleDraft[]) {
  return askOver(drafts, NOW);
}

describe('the reader', () => {
  const ask = briefingOver([MILL, BAKERY]);

  it("answers a question about a fact from last year's articles (freshness is not asked for)", async () => {
    const answer = await ask('Why is Harlow Paper closing the Riverside mill?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('falling demand for newsprint');
  });

  it('quotes the next sentence too when it holds the count asked for', async () => {
    const answer = await ask('How many council votes did the rescue plan for the mill get on Monday night?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toBe(
      'The council debated the rescue plan for the mill on Monday night. The result was 7 votes to 2 against it.',
    );
  });

  it('quotes the sentence before a count of "them" that refers back to it', async () => {
    const answer = await ask('How many of the mill workers will lose their jobs before the summer?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.quote).toBe(
      'The plant employs 2,000 people. About 300 of them will lose their jobs before the summer.',
    );
  });

  it('quotes the sentence before a pronoun when the name asked for is there', async () => {
    const answer = await ask('Who said the council would seek a buyer for the site?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Mayor Ines Corbett');
  });

  it('answers a date question with the sentence that gives the date', async () => {
    const answer = await ask('By when will the council seek a buyer for the mill site?');
    expect(answer.answer).toContain('October');
  });

  it('answers a place question with a place', async () => {
    const answer = await ask("Where is Mina Osei's bakery?");
    expect(answer.answer).toMatch(/Quay Street|Portmere/);
  });

  it('abstains on a near miss: the sentence is about the question but gives no answer of its kind', async () => {
    const answer = await ask('How much did Harlow Paper pay for the Riverside paper mill?');
    expect(answer.abstained).toBe(true);
  });

  it('abstains when a name the question turns on is in no article', async () => {
    const answer = await ask('How many people does the Westbrook paper mill of Harlow Paper employ?');
    expect(answer.abstained).toBe(true);
  });

  it("abstains on a question about recent news answered only by last year's article", async () => {
    const answer = await ask('Which company bought the Riverside paper mill site this week?');
    expect(answer.abstained).toBe(true);
  });
});

const ALLOTMENT = draft(
  'allotment.txt',
  'Notes from the allotment',
  [
    'Last spring I planted a row of runner beans along the south fence of the allotment, as every year.',
    'The beans were picked in late July, three weeks later than the summer before.',
    'Even with the new ovens, the second delivery van and the extra counter that the owners bought last winter after a long and expensive search for a bigger kitchen, the Quay Street bakery still employs only four bakers who take turns on the night shift from ten in the evening until the first van leaves at six.',
  ].join('\n'),
);
/** Fun-run reports that share the question's common words (runner, south, fence, planted). */
const RACES = ['Ashby', 'Brill', 'Calder', 'Dunmore', 'Elston', 'Farley', 'Garston', 'Hale'].map((town) =>
  draft(
    `race-${town}.txt`,
    `${town} fun run`,
    `Every runner in the ${town} fun run passed along the south fence of the park, where volunteers had planted flags.`,
  ),
);

describe('the gate on coverage', () => {
  const ask = briefingOver([ALLOTMENT, ...RACES]);

  it('forgives a word of a long question that no article holds (a nickname) when the answer is of the kind asked', async () => {
    const answer = await ask(
      'When did kzb pick the runner beans he planted along the south fence of the park?',
    );
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('late July');
  });

  it('quotes a long sentence whole when cutting it would lose the answer', async () => {
    const answer = await ask('How many bakers does the Quay Street bakery employ?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('four bakers');
  });
});

describe('sources disagree', () => {
  const deal = (origin: string, text: string) =>
    draft(origin, 'Harbour Lines buys Tidewater Ferries', text, '2026-11-30T00:00:00.000Z');

  it('is said when two articles give different figures for the same deal, citing each side', async () => {
    const answer = await briefingOver([
      deal(
        'a.txt',
        'Harbour Lines agreed to buy Tidewater Ferries for $2 billion, the companies said on Monday.',
      ),
      deal(
        'b.txt',
        'Harbour Lines agreed to buy Tidewater Ferries for $2.4 billion, a filing showed on Monday.',
      ),
    ])('How much is Harbour Lines paying for Tidewater Ferries?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(new Set(answer.citations.map((c) => c.origin))).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('is never said for a single article giving two figures', async () => {
    const one = draft(
      'one.txt',
      'Harbour Lines buys Tidewater Ferries',
      'Harbour Lines agreed to buy Tidewater Ferries for $2 billion, the companies said on Monday.\nHarbour Lines agreed to buy Tidewater Ferries, which had debts of $2.4 billion, the filing said.',
      '2026-11-30T00:00:00.000Z',
    );
    const answer = await briefingOver([one])('How much is Harbour Lines paying for Tidewater Ferries?');
    expect(answer.abstained).toBe(false);
    expect(answer.disagreement).toBe(false);
    expect(answer.answer).not.toMatch(/Sources disagree/);
  });
});

/** A long paragraph, so that each paragraph below is a passage of its own. */
const filler = (topic: string) =>
  `Residents of the valley have followed the story of the ${topic} for months, at council meetings, in letters to this newspaper and in long queues at the town hall, where officials answered questions about the plans, the budget, the timetable and the jobs until late in the evening on most weekdays of the autumn.`;

const RENTS = draft(
  'rents.txt',
  'What a flat costs to rent in the county',
  [
    filler('county survey of rents'),
    'The average rent for a flat in the county was £950 a month in 2024, the survey found. Rents in towns such as Marlow are thought to be far higher.',
    filler('housing report'),
    'Tilby has the cheapest homes in the county. The average rent for a flat there was £610 a month in 2024.',
  ].join('\n'),
);
const MILLS = draft(
  'mills.txt',
  'Harlow Paper keeps its mills running',
  [
    filler('Harlow Paper mills'),
    'Harlow Paper also owns a smaller mill in Westbrook, which it plans to keep open for now, a spokesman said.',
    filler('paper industry'),
    'The company said its paper mill by the river employs 1,200 people on three shifts.',
  ].join('\n'),
);
const TAROT = draft(
  'tarot.txt',
  'The deck that everyone knows',
  [
    filler('tarot deck'),
    'Enter Ada Brennan, a graduate of the Wharton School in 1955 who went on to publish card games.',
    filler('card trade'),
    'Brennan first saw the deck at the Nuremberg Toy Fair, on a business trip in 1968.',
  ].join('\n'),
);

describe("the question's key names, in the sentence's close context", () => {
  const ask = briefingOver([RENTS, MILLS, TAROT]);

  it('abstains when the name is only in the sentence after the figure (it is about what follows)', async () => {
    const answer = await ask('What is the average rent for a flat in Marlow?');
    expect(answer.abstained).toBe(true);
  });

  it('answers when the name is in the sentence before, in the same paragraph', async () => {
    const answer = await ask('What is the average rent for a flat in Tilby?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('£610');
  });

  it('abstains when the article names the asked-for mill only in another paragraph', async () => {
    const answer = await ask('How many people does the Westbrook mill of Harlow Paper employ?');
    expect(answer.abstained).toBe(true);
  });

  it('finds a person by surname when the article names them in full elsewhere', async () => {
    const answer = await ask('Where did Ada Brennan first see the deck?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Nuremberg');
  });
});

const DEPOT = draft(
  'depot.txt',
  'Kestrel bus depot',
  [
    'The Kestrel depot, which trains drivers from three towns, runs 300 buses on 40 routes across the valley.',
    "The depot's payroll lists 450 drivers, most of them on early shifts.",
  ].join(' ') +
    '\nMechanics at the Kestrel depot service the whole fleet at night, in two large sheds by the river.',
);

describe('"how many X" answered with the count of X', () => {
  const ask = briefingOver([DEPOT]);

  it('quotes the count of the thing asked for, not another count of the same article', async () => {
    const answer = await ask('How many drivers does the Kestrel depot employ?');
    expect(answer.abstained).toBe(false);
    // The sentence that counts buses sets it up; the quote reaches into the one that counts drivers.
    expect(answer.citations[0]?.quote).toContain('450 drivers');
  });

  it('abstains when the article counts only other things', async () => {
    const answer = await ask('How many mechanics service the fleet at the Kestrel depot?');
    expect(answer.abstained).toBe(true);
  });
});

describe('sources disagree, whatever the form of the question', () => {
  const two = (title: string, a: string, b: string) =>
    briefingOver([draft('a.txt', title, a), draft('b.txt', title, b)]);
  const cited = (answer: { citations: { origin: string }[] }) =>
    new Set(answer.citations.map((c) => c.origin));

  it('says so for two counts of the same thing, citing each side', async () => {
    const answer = await two(
      'Storm hits the Calder coast',
      'The storm on the Calder coast destroyed 120 homes, the county said on Friday.',
      'The storm on the Calder coast destroyed 95 homes, officials said on Friday.',
    )('How many homes did the storm on the Calder coast destroy?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(answer.answer).toContain('120 homes');
    expect(answer.answer).toContain('95 homes');
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('says so for two dates', async () => {
    const answer = await two(
      'Westbrook bridge works',
      'The Westbrook bridge will reopen to traffic on March 3, the council said.',
      'The Westbrook bridge will reopen to traffic on April 14, the contractor said.',
    )('When will the Westbrook bridge reopen to traffic?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('says so for two people', async () => {
    const answer = await two(
      'Harbour Lines board',
      'Lena Ortiz will chair the Harbour Lines board from January, the company said.',
      'Marcus Hale will chair the Harbour Lines board from January, a filing showed.',
    )('Who will chair the Harbour Lines board?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(answer.answer).toContain('Lena Ortiz');
    expect(answer.answer).toContain('Marcus Hale');
  });

  it('says so when one source denies what the other states, asked yes or no', async () => {
    const answer = await two(
      'Portmere ferry in winter',
      'The Portmere ferry service will run through the winter, the operator said on Monday.',
      'The Portmere ferry service will not run through the winter, the operator said on Monday.',
    )('Will the Portmere ferry service run through the winter?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('says so for two organisations, citing each side', async () => {
    const answer = await two(
      'Northfield bridge contract',
      'Halvorsen Marine will build the new Northfield bridge, the council said on Monday.',
      'Brightwater Shipyards will build the new Northfield bridge, according to the ministry.',
    )('Which company will build the new Northfield bridge?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(answer.answer).toContain('Halvorsen Marine');
    expect(answer.answer).toContain('Brightwater Shipyards');
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('says so for two places, citing each side', async () => {
    const answer = await two(
      'Trade summit venue',
      'The Calder trade summit will be held in Geneva next spring, organisers said.',
      'The Calder trade summit will be held in Vienna next spring, organisers said.',
    )('Where will the Calder trade summit be held?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(answer.answer).toContain('Geneva');
    expect(answer.answer).toContain('Vienna');
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('says so when one source reports that something happened and another denies it', async () => {
    const answer = await two(
      'Harlow Paper and the Westbrook site',
      'Harlow Paper sold its Westbrook mill site to a developer last month, the county register shows.',
      'Harlow Paper denied that it sold its Westbrook mill site to a developer last month.',
    )('Did Harlow Paper sell its Westbrook mill site to a developer?');
    expect(answer.answer).toMatch(/^Sources disagree\./);
    expect(cited(answer)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('is not said for a city and the country it lies in, nor for a venue in the city the other names', async () => {
    const country = await two(
      'Trade summit venue',
      'The Calder trade summit will be held in Geneva next spring, organisers said.',
      'The Calder trade summit will be held in Switzerland next spring, organisers said.',
    )('Where will the Calder trade summit be held?');
    expect(country.abstained).toBe(false);
    expect(country.disagreement).toBe(false);
    const venue = await two(
      'Trade summit venue',
      'The Calder trade summit will be held in Geneva next spring, organisers said.',
      "Geneva's lakeside district was chosen for the meeting in October. The Calder trade summit will be held at the Lakeside Congress Hall next spring, organisers said.",
    )('Where will the Calder trade summit be held?');
    expect(venue.abstained).toBe(false);
    expect(venue.disagreement).toBe(false);
    // Not two answers either: one sentence, citing both articles.
    expect(venue.sentences).toHaveLength(1);
    expect(cited(venue)).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('is not said between two copies of one report that differ on the figure (an update)', async () => {
    const report = (homes: string) =>
      [
        `The storm on the Calder coast destroyed ${homes} homes, the county said on Friday.`,
        'Winds of up to 140 kilometres an hour tore roofs from houses along the seafront and brought down power lines across the county.',
        'Emergency shelters opened in three schools, and the county asked residents to stay away from the harbour until the weekend.',
      ].join(' ');
    const answer = await briefingOver([
      { ...draft('a.txt', 'Storm hits the Calder coast', report('120')), source: 'The Valley Courier' },
      { ...draft('b.txt', 'Storm hits the Calder coast', report('95')), source: 'Calder Evening News' },
    ])('How many homes did the storm on the Calder coast destroy?');
    expect(answer.abstained).toBe(false);
    expect(answer.disagreement).toBe(false);
  });

  it('is never said for one article naming two places', async () => {
    const answer = await briefingOver([
      draft(
        'one.txt',
        'Trade summit venue',
        'The Calder trade summit will be held in Geneva next spring, organisers said. The Calder trade summit will be held in Vienna the year after, organisers said.',
      ),
    ])('Where will the Calder trade summit be held?');
    expect(answer.abstained).toBe(false);
    expect(answer.disagreement).toBe(false);
  });

  it('is not said when the sources give the same answer in other words', async () => {
    const answer = await two(
      'Storm hits the Calder coast',
      'The storm on the Calder coast destroyed 120 homes, the county said on Friday.',
      'Officials said on Friday that 120 homes on the Calder coast were destroyed by the storm.',
    )('How many homes did the storm on the Calder coast destroy?');
    expect(answer.abstained).toBe(false);
    expect(answer.disagreement).toBe(false);
  });

  it('is never said for one article giving two counts', async () => {
    const answer = await briefingOver([
      draft(
        'one.txt',
        'Storm hits the Calder coast',
        'The storm on the Calder coast destroyed 120 homes, the county said on Friday. The storm on the Calder coast destroyed 95 homes on the seafront alone.',
      ),
    ])('How many homes did the storm on the Calder coast destroy?');
    expect(answer.abstained).toBe(false);
    expect(answer.disagreement).toBe(false);
  });
});

const FERRYMAN = draft(
  'ferryman.txt',
  'Calder ferryman dies at 98',
  [
    'Ansel Brody, who ran the Calder ferry for sixty years, has died at 98, his family said on Sunday.',
    'Brody was born in a two-room cottage by the harbour and raised four sons, three of whom still run boats.',
    'He stopped taking the ferry out at 90 because his eyesight had failed, his eldest son said.',
  ].join('\n'),
);

describe('near misses of reasons and counts', () => {
  const ask = briefingOver([FERRYMAN]);

  it('abstains on the cause of a death the article does not give', async () => {
    expect((await ask('What did Ansel Brody die of?')).abstained).toBe(true);
  });

  it('answers a reason given as a cause of the asked event', async () => {
    const answer = await ask('Why did Ansel Brody stop taking the ferry out?');
    expect(answer.citations[0]?.quote).toContain('because his eyesight had failed');
  });

  it('abstains on a count of a thing the article never names', async () => {
    expect((await ask('How many grandchildren did Ansel Brody have?')).abstained).toBe(true);
  });
});
