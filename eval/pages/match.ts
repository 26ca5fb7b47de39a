/**
 * @module eval/pages/match
 * Whether an answer states the expected answer: realpages-dev's rule (entities decoded, white space
 * folded, lower case, substring), with curly quotes and apostrophes read as straight ones, diacritics
 * folded ("Maori" for "Māori") and numbers' thousands separators dropped, the forms the data's README
 * warns make plain matching undercount.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function normaliseAnswer(text: string): string {
  return text
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? entity;
    })
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’ʼ′]/gu, "'")
    .replace(/[“”″]/gu, '"')
    .replace(/[‐‑‒–—]/gu, '-')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

export function statesExpected(answer: string, expected: string[]): boolean {
  const said = normaliseAnswer(answer);
  return expected.some((e) => said.includes(normaliseAnswer(e)));
}
