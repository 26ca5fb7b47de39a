/**
 * @module adapters/console/wrap-text
 * Wraps chat text to the terminal's width at word boundaries (the terminal itself breaks mid-word).
 * Spacing inside a line is kept (the help's aligned column); a wrapped line hangs under the text of a
 * list item ("[1] ", "2. ", "• ") or a help entry ("/digest [topic]  "), else keeps the line's indent;
 * a word longer than the width (a URL) stays whole on a line of its own.
 */

const LEAD = /^(\s*)(\[\d+\] |\d+\. |• |- |\/\S+(?: [<[]\S+[>\]])? {2,})?/;

export function wrapText(text: string, width: number | undefined): string {
  if (!width || width < 20) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

const length = (text: string) => [...text].length;

function wrapLine(line: string, width: number): string {
  if (length(line) <= width) return line;
  const lead = LEAD.exec(line)?.[0] ?? '';
  const hang = ' '.repeat(length(lead) < width / 2 ? length(lead) : 0);
  const lines: string[] = [];
  let current = lead;
  let hasWord = false;
  // Each word with the spaces before it, so that a line's own spacing survives where it is not broken.
  for (const [, space = '', word = ''] of line.slice(lead.length).matchAll(/( *)(\S+)/g)) {
    const candidate = `${current}${hasWord ? space : ''}${word}`;
    if (!hasWord || length(candidate) <= width) {
      current = candidate;
      hasWord = true;
    } else {
      lines.push(current);
      current = `${hang}${word}`;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
