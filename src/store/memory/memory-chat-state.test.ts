import { describeChatStateContract } from '../contract/chat-state.contract.js';
import { createMemoryChatState } from './memory-chat-state.js';

// One process: every handle is the same state, as two callers in one process share it.
describeChatStateContract('memory', async () => {
  const state = createMemoryChatState();
  return { open: async () => state, dispose: async () => {} };
});
