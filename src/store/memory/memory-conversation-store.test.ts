import { describeConversationStoresContract } from '../contract/conversation-store.contract.js';
import { createMemoryConversationStore, createMemoryFeedbackStore } from './memory-conversation-store.js';

describeConversationStoresContract('memory', async () => ({
  conversations: createMemoryConversationStore(),
  feedback: createMemoryFeedbackStore(),
  dispose: async () => {},
}));
