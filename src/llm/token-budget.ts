/**
 * @module llm/token-budget
 * An optional daily cap on model tokens (prompt + completion, answers and embeddings together),
 * counted per UTC day and kept in memory: a restart starts the day's count again.
 */
import type { Clock } from '../core/ports.js';

export interface TokenBudget {
  /** Whether a call that may use `tokens` more still fits in today's budget. */
  allows(tokens: number): boolean;
  record(tokens: number): void;
  usedToday(): number;
  /** The daily cap; 0 means no cap. */
  readonly dailyTokens: number;
}

/** `dailyTokens` 0 means unlimited (OPENAI_DAILY_TOKEN_BUDGET's default). */
export function createTokenBudget(options: { dailyTokens: number; clock: Clock }): TokenBudget {
  let day = '';
  let used = 0;
  const roll = () => {
    const today = options.clock.now().toISOString().slice(0, 10);
    if (today !== day) {
      day = today;
      used = 0;
    }
  };
  return {
    dailyTokens: options.dailyTokens,
    allows(tokens) {
      roll();
      return options.dailyTokens === 0 || used + tokens <= options.dailyTokens;
    },
    record(tokens) {
      roll();
      used += Math.max(0, tokens);
    },
    usedToday() {
      roll();
      return used;
    },
  };
}

/** A rough count for budgeting before a call: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
