import { describe, expect, it } from 'vitest';
import { chunkPassages } from '../core/text/passages.js';
import { parseHtmlArticle } from './html-article.js';

const P1 = 'Firefighters contained the blaze near the harbour on Tuesday evening, an official said.';
const P2 = 'The fire started in a warehouse that stored paint and spread to two boats moored nearby.';
const P3 = 'No one was hurt, and the harbour is expected to reopen to ships by the end of the week.';

// Shapes as the outlets' pages write them (hashed class names, visually hidden labels, nested spans).
const NYT_FIGURE = `<figure class="css-1a48zt4 ehw59r15" aria-label="media" role="group">
  <div class="css-1xdhyk6 erfvjey0"><picture><img alt="" src="/fire.jpg"></picture></div>
  <figcaption class="css-1l44abu ewdxa0s0"><span class="css-1u46b97 e13ogyst0">Smoke rose over the harbour as crews worked, an official said.</span><span class="css-1ly73wi e1z0qqy90"><span class="css-1ly73wi e1z0qqy90">Credit</span><span><span>Jane Doe for The New York Times</span></span></span></figcaption>
</figure>`;
const GUARDIAN_FIGURE = `<figure id="img-2" data-spacefinder-role="inline" class="dcr-173mewl">
  <div class="dcr-1t8m8f2"><picture><img alt="Boats at the quay" src="/boats.jpg"></picture></div>
  <figcaption data-spacefinder-role="inline" class="dcr-1yhklx6"><span class="dcr-1inf02i"><svg></svg></span>Two boats were damaged in the fire. Photograph: John Roe/Reuters</figcaption>
</figure>`;
const BBC_FIGURE = `<figure class="ssrcss-wpgbih-StyledFigure e34k3c20">
  <div class="ssrcss-ab5fd8-StyledFigureContainer e34k3c21"><span class="ssrcss-1hffc8r-Image"><img alt="" src="/w.jpg"></span>
  <p class="ssrcss-1mlmpy4-Copyright e34k3c22"><span class="ssrcss-1f39n02-VisuallyHidden e16en2lz0">Image source, </span>Getty Images</p></div>
  <p class="ssrcss-8otkye-Caption e34k3c23"><span class="ssrcss-1f39n02-VisuallyHidden e16en2lz0">Image caption, </span>The warehouse stored paint</p>
</figure>`;
const LOOSE_CREDIT = `<div class="image"><img src="/x.jpg"></div><p class="photo-credit">Photo: Ann Lee/AP</p>`;

const page = (figure: string) => `<html><head><title>Harbour fire</title></head><body>
  <article><p>${P1}</p>${figure}<p>${P2}</p><p>${P3}</p></article></body></html>`;

describe('parseHtmlArticle: captions and credits', () => {
  for (const [outlet, figure] of [
    ['NYT', NYT_FIGURE],
    ['Guardian', GUARDIAN_FIGURE],
    ['BBC', BBC_FIGURE],
    ['a loose credit line', LOOSE_CREDIT],
  ] as const) {
    it(`keeps ${outlet}-style picture captions and credits out of the article text`, () => {
      const { text } = parseHtmlArticle('https://news.example/fire', page(figure));
      expect(text).toBe(`${P1}\n\n${P2}\n\n${P3}`);
      expect(text).not.toMatch(/Credit|Photograph|Image (source|caption)|Getty|Photo:|Smoke rose/);
      // Every sentence ends where the story's sentence ends: nothing glued after its full stop.
      for (const passage of chunkPassages(text))
        for (const s of passage.sentences) expect(text.slice(s.start, s.end)).toMatch(/\.$/);
    });
  }

  it('keeps a figure that holds story text (a pull quote), without its caption', () => {
    const quote = `<figure class="pullquote"><blockquote><p>We were lucky the wind turned, the chief said on Tuesday.</p></blockquote><figcaption>Chief Ann Lee</figcaption></figure>`;
    const { text } = parseHtmlArticle('https://news.example/fire', page(quote));
    expect(text).toContain('We were lucky the wind turned');
    expect(text).not.toContain('Chief Ann Lee');
  });

  it('keeps a long element whose class merely mentions captions (a wrapper of the story)', () => {
    const html = `<html><body><div class="article-body with-captions"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P1}</p><p>${P2}</p></div></body></html>`;
    expect(parseHtmlArticle('https://news.example/fire', html).text).toContain(P3);
  });
});
