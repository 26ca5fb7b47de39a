import { describeArticleStoreContract } from '../contract/article-store.contract.js';
import { createMemoryArticleStore } from './memory-article-store.js';

describeArticleStoreContract('memory', async () => {
  const fragments: string[] = [];
  return {
    store: createMemoryArticleStore({
      beforeWrite(input) {
        const texts = input.passages.map((p) => input.draft.text.slice(p.start, p.end));
        if (texts.some((t) => fragments.some((f) => t.includes(f)))) throw new Error('disk full');
      },
    }),
    async failPassagesContaining(fragment) {
      fragments.push(fragment);
    },
  };
});
