/**
 * @module ingest/html-signup-forms
 * Takes sign-up boxes out of a page before Readability scores it: a newsletter form ("Get the
 * newsletter ... Your e-mail address ... Privacy Policy") is a block of short, comma-rich paragraphs
 * that can outscore a story written as lists, and a blog post was read as its 247-character box.
 */

/** The least of the DOM this needs (linkedom's elements provide it). */
interface ElementLike {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  remove(): void;
}

/**
 * A form longer than this is kept: some sites (ASP.NET WebForms) wrap the whole page, story and
 * all, in one <form>. The sign-up and comment forms of the saved pages are under 500 characters.
 */
export const MAX_SIGNUP_FORM_CHARS = 1500;

/** An address field: type="email", or a field named, labelled or hinted as one. */
const ADDRESS_FIELD = /e-?mail|newsletter|subscri/i;

function asksForAnAddress(form: ElementLike): boolean {
  for (const input of form.querySelectorAll('input')) {
    if ((input.getAttribute('type') ?? '').toLowerCase() === 'email') return true;
    const names = ['name', 'id', 'placeholder', 'aria-label']
      .map((a) => input.getAttribute(a) ?? '')
      .join(' ');
    if (ADDRESS_FIELD.test(names)) return true;
  }
  return false;
}

/** Removes every short form that asks for an e-mail address (newsletter and comment forms). */
export function removeSignupForms(document: {
  querySelectorAll(selector: string): Iterable<ElementLike>;
}): void {
  for (const form of [...document.querySelectorAll('form')]) {
    if ((form.textContent ?? '').replace(/\s+/g, ' ').length > MAX_SIGNUP_FORM_CHARS) continue;
    if (asksForAnAddress(form)) form.remove();
  }
}
