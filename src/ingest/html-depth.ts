/**
 * @module ingest/html-depth
 * How deeply a page nests its elements, before and after parsing. Readability's cleaning is quadratic
 * in depth (2,000 nested elements took 23 s, 1,000 nested tables 59 s) and linkedom's parser is too
 * (100,000 nested <div> took 8 s), so a page nested deeper than any real one is refused first.
 */

/**
 * Deepest element nesting accepted. Chromium's HTML parser stops nesting at 512 elements
 * (`HTMLConstructionSite`'s maximum DOM tree depth) and the 39 real pages of realpages-dev nest at most
 * 38 deep: no page a reader can see needs more.
 */
export const MAX_NESTING_DEPTH = 512;

/**
 * The raw scan below only estimates (it does not know every implied end tag), so before parsing a
 * page is refused only past twice the limit; the parsed tree is then held to the limit itself.
 */
export const MAX_RAW_NESTING_DEPTH = 2 * MAX_NESTING_DEPTH;

// Elements that never hold others, or whose end tag is implied by the next one of their kind: a
// page's many unclosed <p> or <li> are siblings, not a nesting.
const NOT_NESTING = new Set(
  (
    'area base br col embed hr img input link meta source track wbr param keygen command frame ' +
    'p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rtc rp html head body'
  ).split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
// Sticky, tried at each "<": a tag never spans another "<", so each try stops where the next begins.
const TAG = /<(\/?)([a-z][a-z0-9-]*)(?:[\s/][^<>]*)?>/y;

/** The deepest nesting of the raw markup, stopping as soon as it passes `limit`. Linear time. */
export function rawNestingDepth(html: string, limit: number): number {
  const lower = html.toLowerCase();
  let depth = 0;
  let deepest = 0;
  for (let at = lower.indexOf('<'); at >= 0 && deepest <= limit; at = lower.indexOf('<', at + 1)) {
    if (lower.startsWith('<!--', at)) {
      const end = lower.indexOf('-->', at + 4);
      if (end < 0) break;
      at = end + 2;
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(lower);
    if (!match) continue;
    const [whole, closing, name = ''] = match;
    if (NOT_NESTING.has(name) || whole.endsWith('/>')) continue;
    if (closing) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    deepest = Math.max(deepest, ++depth);
    if (RAW_TEXT.has(name)) {
      // Script and style text is not markup, whatever it holds.
      const end = lower.indexOf(`</${name}`, at);
      if (end < 0) break;
      depth--;
      at = lower.indexOf('>', end);
      if (at < 0) break;
    }
  }
  return deepest;
}

/**
 * Most elements accepted in one page. The largest of realpages-dev's 39 real pages (a Wikipedia article)
 * has 9,892 tags; a 300,000-element page took the page reader to its heap cap and V8's out-of-memory
 * abort ended the whole process, so a page ten times the largest real one is refused before parsing.
 */
export const MAX_ELEMENTS = 100_000;

/** Start tags in the raw markup (a `<` then a letter), counting stops past `limit`. Linear time. */
export function rawElementCount(html: string, limit: number): number {
  let count = 0;
  for (let at = html.indexOf('<'); at >= 0 && count <= limit; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20; // lower-cased ASCII letter test
    if (next >= 0x61 && next <= 0x7a) count++;
  }
  return count;
}

interface ElementLike {
  children: ArrayLike<ElementLike>;
}

/** The depth of a parsed tree (iteratively: a recursive walk would overflow the stack first). */
export function treeDepth(root: ElementLike, limit: number): number {
  let deepest = 0;
  const stack: [ElementLike, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [ElementLike, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) break;
    for (let i = 0; i < node.children.length; i++) stack.push([node.children[i] as ElementLike, depth + 1]);
  }
  return deepest;
}
