/**
 * @module eval/rtqa/peers/wink-bm25.d
 * Types for the two untyped wink packages, as far as the peer uses them.
 */
declare module 'wink-bm25-text-search' {
  type PrepTask = (input: never) => unknown;
  interface WinkBm25Engine {
    defineConfig(config: {
      fldWeights: Record<string, number>;
      bm25Params?: { k1?: number; b?: number; k?: number };
    }): boolean;
    definePrepTasks(tasks: PrepTask[], field?: string): number;
    addDoc(doc: Record<string, string>, uniqueId: number | string): number;
    consolidate(fp?: number): boolean;
    search(text: string, limit?: number): [number | string, number][];
  }
  export default function bm25(): WinkBm25Engine;
}

declare module 'wink-nlp-utils' {
  type Task = (input: never) => unknown;
  const nlp: {
    string: { lowerCase: Task; removeExtraSpaces: Task; tokenize0: Task; stem(word: string): string };
    tokens: { propagateNegations: Task; removeWords: Task; stem: Task };
  };
  export default nlp;
}
