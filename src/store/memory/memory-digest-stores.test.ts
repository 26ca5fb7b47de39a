import { describeDigestStoresContract } from '../contract/digest-stores.contract.js';
import { createMemoryDigestStores } from './memory-digest-stores.js';

describeDigestStoresContract('memory', async () => {
  const { subscriptions, runs } = createMemoryDigestStores();
  return { subs: subscriptions, runs, dispose: async () => {} };
});
