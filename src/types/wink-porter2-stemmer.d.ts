// wink-porter2-stemmer ships no type declarations: it exports one function, word -> stem.
declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string;
}
