/**
 * @module probe/hostile-texts
 * The text-made hostile files of the "hostile-files" section: broken or malicious YAML front matter,
 * unreadable dates, and JSON records that claim the identity of articles other inputs brought in.
 */
/** A paragraph long enough to be an article, for cases where the hostile part sits beside real text. */
export const PROSE =
  'The harbour authority said on Thursday that the main pier would reopen next month after repairs. ';

const YAML_BLOCKS = [
  'title: [broken',
  'title: {broken',
  'title: "open',
  "title: 'open",
  'title: Foo: bar',
  'title: a\ntitle: b',
  '\ttitle: tab-indented',
  'title: x\n  bad: indent',
  '{{oops}}',
  'just some prose',
  '- a\n- b',
  '[1, 2, 3]',
  '"only a string"',
  'title: !!binary aGVsbG8=',
  'title: !!js/function "function () { return 1 }"',
  'title: !custom tag',
  'a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'base: &x {title: t}\n<<: *x',
  'title: *undefined',
  '? complex key\n: value',
  'title: |\n  block\n bad',
  'title: >-\n',
  'title:\n  - nested\n  - list',
  'title: {nested: {deeper: {deepest: x}}}',
  '%YAML 1.2\n---\ntitle: directive',
  'title: x\n...\nmore: after end',
  'title: x\n---\nsecond: document',
  `title: ${'['.repeat(100)}`,
  `title: ${'['.repeat(10_000)}`,
  `title: ${'['.repeat(70_000)}`,
  `title: ${'{a: '.repeat(5_000)}`,
  `${'k: v\n'.repeat(20_000)}`,
  `title: ${'x'.repeat(100_000)}`,
  `${'x'.repeat(2_000)}: long key`,
  'title: "\\uD800 lone surrogate"',
  'title: "\\x00 nul"',
  'title: \u0000',
  'title: null',
  'title: ~',
  'title: 12345',
  'title: true',
  'title: 2026-12-02',
  'title: ""',
  'title: "   "',
  'url: seeds/003_69048bb62558f665.txt',
  'url: https://victim.example/story-1',
  'url: [https://victim.example/story-2]',
  'source: {name: x}',
  'date: [2026, 1, 1]',
  'date: {y: 2026}',
];

const DATES = [
  'someday soon',
  '2026-13-45',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '1899-12-31',
  '-2026-01-01',
  '2026/12/02 25:61',
  'yesterday',
  'now',
  '1e309',
  '1733000000',
  '-1',
  'NaN',
  'Infinity',
  '2026-12-02T10:00:00+25:00',
  'Mon, 32 Dec 2026 10:00:00 GMT',
  '12/02/2026',
  '02.12.2026',
  '2026-W49',
  '2026-336',
  '十二月 2, 2026',
  '2026-12-02T10:00:00Z trailing',
  '"2026-12-02"',
  "'2026-12-02'",
  '2026-12-02 10:00:00 EST',
  '2026-12-02T10:00',
  `${'2026-'.repeat(1000)}`,
  '\u202e2026-12-02',
  '２０２６-１２-０２',
];

const BODIES = [`${PROSE.repeat(3)}\n`, '', `${PROSE}${'['.repeat(50_000)}\n`, '---\n---\n'];

export function frontMatterCases(): string[] {
  const cases: string[] = [];
  for (const block of YAML_BLOCKS) for (const body of BODIES) cases.push(`---\n${block}\n---\n${body}`);
  for (const date of DATES) {
    cases.push(`---\ntitle: Harbour reopens\ndate: ${date}\n---\n${PROSE.repeat(3)}\n`);
    cases.push(
      `---\ntitle: Harbour reopens\npublished: "${date.replace(/"/g, '')}"\n---\n${PROSE.repeat(3)}\n`,
    );
  }
  cases.push(
    '---\ntitle: never closed\n',
    '---',
    '---\n',
    `---\n${'x: y\n'.repeat(10)}`,
    '...\n---\ntitle: x\n---\nbody',
  );
  return cases;
}

/** The records that try to take over stored articles, in every JSON form ingest reads. */
export function claimCases(victimUrls: string[], seedOrigins: string[]): { ext: string; content: string }[] {
  const claims: Record<string, unknown>[] = [];
  const planted = (i: number) =>
    `Planted text number ${i}: ignore the real story, the pier never reopened. ${PROSE}`;
  let i = 0;
  for (const url of victimUrls) {
    const u = new URL(url);
    const variants = [
      url,
      `${url}/`,
      url.replace(u.hostname, u.hostname.toUpperCase()),
      `${url}#fragment`,
      url.replace('https:', 'http:'),
      `${url}?utm_source=x`,
      ` ${url} `,
    ];
    for (const variant of variants) claims.push({ title: `Planted ${i}`, url: variant, text: planted(i++) });
    claims.push({ title: 'Planted link', link: url, text: planted(i++) });
  }
  for (const origin of seedOrigins)
    for (const variant of [
      origin,
      `./${origin}`,
      `/${origin}`,
      origin.replace('/', '\\'),
      `file://${origin}`,
    ])
      claims.push({ title: `Seed claim ${i}`, url: variant, text: planted(i++) });
  const junkUrls = [
    'javascript:alert(1)',
    'data:text/plain,x',
    'file:///etc/passwd',
    '../../etc/passwd',
    '//victim.example/story-1',
    'https://',
    'https://[::1',
    'http://exa mple.com/',
    'x'.repeat(100_000),
    'https://victim.example/story-1\nsecond line',
    '',
    ' ',
    0,
    Number.POSITIVE_INFINITY,
    ['https://victim.example/story-1'],
    { href: 'https://victim.example/story-1' },
    true,
    null,
  ];
  for (const url of junkUrls) claims.push({ title: `Junk url ${i}`, url, text: planted(i++) });
  for (const id of [
    '../seeds/003_69048bb62558f665.txt',
    'seeds/003_69048bb62558f665.txt',
    'https://victim.example/story-1',
    '#',
    '',
    -1,
    Number.POSITIVE_INFINITY,
    {},
  ])
    claims.push({ title: `Id claim ${i}`, id, text: planted(i++) });

  const out: { ext: string; content: string }[] = [];
  for (const claim of claims) {
    out.push({ ext: '.json', content: JSON.stringify(claim) });
    out.push({ ext: '.json', content: JSON.stringify([claim, { ...claim, title: `${claim.title} twin` }]) });
    out.push({
      ext: '.jsonl',
      content: `${JSON.stringify(claim)}\n${JSON.stringify({ ...claim, text: `${claim.text} Again.` })}\n`,
    });
    out.push({
      ext: '.json',
      content: JSON.stringify({ status: 'ok', articles: [{ ...claim, source: { name: 'Evil' } }] }),
    });
  }
  const wrongTypes = [
    { text: 5 },
    { text: ['a'] },
    { title: {}, text: PROSE },
    { text: PROSE, date: {} },
    { text: PROSE, source: 7 },
    { text: PROSE, published_at: -1e20 },
    { body: null },
    {},
    [],
    'string',
    42,
    { text: '\u0000'.repeat(100) },
  ];
  for (const record of wrongTypes) out.push({ ext: '.json', content: JSON.stringify(record) });
  out.push({ ext: '.jsonl', content: `${'{"broken": \n'.repeat(100_000)}` });
  out.push({ ext: '.json', content: `{"text": "${PROSE}", "n": 1${'0'.repeat(400)}}` });
  return out;
}
