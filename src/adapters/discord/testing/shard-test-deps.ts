/**
 * @module adapters/discord/testing/shard-test-deps
 * The deps module the sharding test hands to each shard process: the seeded Briefing, pointed at
 * the fake Discord given on the command line (`<api url> <token> <application id>`).
 */

import { createSeededBriefing } from '../../../test-support/seeded-briefing.js';
import { createJsonLogger } from '../../log/json-logger.js';
import type { DiscordShardDepsFactory } from '../shard-manager.js';

export const createDiscordDeps: DiscordShardDepsFactory = async ([apiUrl, token, applicationId]) => {
  const seeded = await createSeededBriefing();
  return {
    deps: {
      config: {
        DISCORD_TOKEN: token,
        DISCORD_APPLICATION_ID: applicationId,
        DISCORD_API_URL: apiUrl,
        DISCORD_MESSAGE_CONTENT: false,
        BRIEF_MAX_QUESTION_CHARS: 500,
        BRIEF_RATE_LIMIT_PER_MINUTE: 10,
      },
      briefing: seeded.briefing,
      conversations: seeded.conversations,
      feedback: seeded.feedback,
      clock: seeded.clock,
      logger: createJsonLogger('warn'),
      readyTimeoutMs: 20_000,
    },
    close: () => seeded.close(),
  };
};
