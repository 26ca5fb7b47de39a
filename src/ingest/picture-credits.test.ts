import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPassages } from '../core/text/passages.js';
import { parseHtmlArticle } from './html-article.js';
import { parseJsonArticles } from './json-articles.js';
import { stripPictureCredits } from './picture-credits.js';
import { parseTextArticle } from './text-article.js';

const S1 = 'Firefighters contained the blaze near the harbour on Tuesday evening, an official said.';
const S2 = 'The fire started in a warehouse that stored paint and spread to two boats moored nearby.';
const S3 = 'No one was hurt, and the harbour is expected to reopen to ships by the end of the week.';

const sentencesOf = (text: string) =>
  chunkPassages(text).flatMap((p) => p.sentences.map((s) => text.slice(s.start, s.end)));

describe('stripPictureCredits', () => {
  it('cuts a credit glued to the end of a sentence', () => {
    expect(stripPictureCredits(`${S1}CreditJane Doe for The New York Times`)).toBe(S1);
    expect(stripPictureCredits(`${S1}Credit...Jane Doe for The New York Times\n\n${S2}`)).toBe(
      `${S1}\n\n${S2}`,
    );
  });

  it('removes name credits after a sentence, mid-paragraph and at its end', () => {
    const gallery = `Snow covers a street in Buffalo on Sunday. Nam Y. Huh/AP ${S2} Willie J. Allen Jr./Orlando Sentinel via AP ${S3} John Normile/Getty Images`;
    const out = stripPictureCredits(gallery);
    expect(out).toBe(`Snow covers a street in Buffalo on Sunday. ${S2} ${S3}`);
    expect(sentencesOf(out)).toEqual(['Snow covers a street in Buffalo on Sunday.', S2, S3]);
  });

  it('drops lines that are a credit or a caption label and nothing else', () => {
    for (const line of [
      'Mark Mulville/The Buffalo News/AP',
      'Image source, Getty Images',
      'Image caption, The warehouse stored paint',
      'Photo: Ann Lee/AP',
      'Credit...Jane Doe for The New York Times',
      '(AP Photo/Yuki Iwamura) Yuki Iwamura/AP',
      'Getty Images',
    ]) {
      expect(stripPictureCredits(`${S1}\n\n${line}\n\n${S2}`), line).toBe(`${S1}\n\n${S2}`);
    }
  });

  it('removes a parenthesised agency credit and keeps the sentence', () => {
    expect(stripPictureCredits(`${S1} (AP Photo/John Bazemore, Pool)`)).toBe(S1);
    expect(stripPictureCredits(`${S1} (Photo by Mandel Ngan / AFP)`)).toBe(S1);
  });

  it('keeps sentences that merely mention an agency or a credit', () => {
    for (const text of [
      'The picture was taken by John Moore/AP.',
      'Reporters from AP, AFP and Reuters waited outside the court.',
      'Shares of Credit Suisse fell after the U.S.Credit markets opened lower, traders said.',
      'Credit: tight lending conditions are slowing the housing market, the bank said.',
      'Mr. Huh/AP style is not a credit when a sentence runs on, said the editor.',
      'Photo: the mayor cut the ribbon at the new library, which opened on Monday morning after five years of building work.',
      'Bands like AC/DC played at the festival. Fans of AC/DC came from all over the country.',
    ]) {
      expect(stripPictureCredits(text), text).toBe(text);
    }
  });

  it('never loses text that holds no credit-shaped run (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const sentence = fc
      .array(word, { minLength: 3, maxLength: 12 })
      .map((ws) => `${ws.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (sentences) => {
        const text = sentences.join(' ');
        expect(stripPictureCredits(text)).toBe(text);
      }),
    );
  });
});

describe('ingest: glued picture credits', () => {
  it('keeps an unmarked caption credit out of a web page sentence', () => {
    const html = `<html><head><title>Harbour fire</title></head><body><article>
      <p>${S1}<span class="css-1ly73wi">Credit</span><span>Jane Doe for The New York Times</span></p><p>${S2}</p><p>${S3}</p></article></body></html>`;
    expect(parseHtmlArticle('https://news.example/fire', html).text).toBe(`${S1}\n\n${S2}\n\n${S3}`);
  });

  it('keeps credits out of text files and JSON records', () => {
    const body = `${S1} John Normile/Getty Images\n\n${S2}\n\nImage source, Getty Images\n\n${S3}`;
    expect(parseTextArticle('fire.txt', `Harbour fire\n\n${body}`).text).toBe(`${S1}\n\n${S2}\n\n${S3}`);
    const [draft] = parseJsonArticles(
      'fire.json',
      JSON.stringify([{ title: 'Harbour fire', text: body }]),
      false,
    ).drafts;
    expect(draft?.text).toBe(`${S1}\n\n${S2}\n\n${S3}`);
  });
});
