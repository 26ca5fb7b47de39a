import { describeVectorIndexContract } from '../contract/vector-index.contract.js';
import { createMemoryVectorIndex } from './memory-vector-index.js';

describeVectorIndexContract('memory', async () => ({
  index: createMemoryVectorIndex(),
  dispose: async () => {},
}));
