/**
 * @module ingest/html-captions
 * Takes picture captions and credits out of a page before its text is read: they are not the story's
 * sentences, and page markup glues them to them ("... an official said.CreditJane Doe for The Times",
 * the caption's spans having no space between them). Figures, their captions, and short elements a
 * page marks as a caption or credit (by class or schema.org itemprop) are removed.
 */

/** The least of the DOM this needs (linkedom's elements provide it). */
interface ElementLike {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  remove(): void;
}

/** Blocks of story text: a figure holding one (a pull quote, a table) is kept, without its caption. */
const STORY_BLOCKS = 'p,blockquote,pre,table,ul,ol,h2,h3,h4';

/**
 * An element whose class or itemprop says it is a caption or a credit is removed when it is short
 * (a caption is a sentence or two; a wrapper named "article-with-captions" holds the story).
 */
const MAX_CAPTION_CHARS = 400;

/** "StyledFigureCaption", "image-credit", "caption-text", itemprop "copyrightHolder": a caption's names. */
function namesACaption(names: string): boolean {
  return names
    .toLowerCase()
    .split(/[\s_-]+/)
    .some(
      (word) =>
        word.includes('caption') ||
        word.startsWith('credit') ||
        word.endsWith('credit') ||
        word.endsWith('credits') ||
        word.startsWith('copyright'),
    );
}

export function removeCaptions(document: {
  querySelectorAll(selector: string): Iterable<ElementLike>;
}): void {
  for (const caption of [...document.querySelectorAll('figcaption')]) caption.remove();
  for (const figure of [...document.querySelectorAll('figure')]) {
    if (!figure.querySelector(STORY_BLOCKS)) figure.remove();
  }
  for (const element of [...document.querySelectorAll('[class],[itemprop]')]) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('itemprop') ?? ''}`;
    if (!namesACaption(names)) continue;
    if ((element.textContent ?? '').length > MAX_CAPTION_CHARS) continue;
    if (element.tagName === 'BODY' || element.tagName === 'HTML' || element.tagName === 'ARTICLE') continue;
    element.remove();
  }
}
