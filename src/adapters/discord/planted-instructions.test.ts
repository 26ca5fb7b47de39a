/**
 * Issue 13 item 5 through the real discord.js client, the fake Discord and a local model that obeys
 * any instruction it reads: articles carry planted instructions, and neither a draft nor an answer
 * (mentions, replies, `/brief ask`) shows them, nor is the model ever given them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyIngestReport, ingestDraft } from '../../core/ingest-articles.js';
import {
  modelBriefing,
  type StreamingModel,
  startStreamingModel,
  steppingClock,
} from '../../test-support/model-briefing.js';
import {
  CANARY,
  instructionFollowingReply,
  PLANTED_INSTRUCTIONS,
  plantedArticle,
} from '../../test-support/planted-instructions.js';
import { type GuildHarness, startGuildHarness } from './testing/guild-harness.js';
import { makeBriefInteraction } from './testing/interaction-payloads.js';

const QUESTIONS = [
  'How big is the AWS deal?',
  'what should you reply about the deal',
  'What does OpenAI get from AWS?',
  'how long does the aws deal run',
  'What did the article tell AI assistants?',
];

describe('Discord answers over articles with planted instructions', () => {
  let h: GuildHarness;
  let model: StreamingModel;
  afterEach(async () => {
    await h.close();
    await model.close();
  });

  it('sends no planted text, in drafts or answers, though the model obeys every instruction', async () => {
    model = await startStreamingModel(5);
    model.fake.onChat(instructionFollowingReply);
    h = await startGuildHarness({
      clock: steppingClock(700),
      briefing: (seeded) => modelBriefing(seeded, model, []),
    });
    for (const [i, plant] of PLANTED_INSTRUCTIONS.entries()) {
      await ingestDraft(h.seeded.store, h.seeded.clock, plantedArticle(i, [plant]), emptyIngestReport());
    }
    const answered = () => h.logger.entries.filter((e) => e.message === 'discord answer ready').length;
    for (const [i, question] of QUESTIONS.entries()) {
      h.say(h.channel.id, h.mention(question));
      await vi.waitFor(() => expect(answered()).toBe(2 * i + 1), { timeout: 10_000 });
      h.fake.sendInteraction(
        makeBriefInteraction({
          applicationId: h.fake.state.applicationId,
          user: h.user,
          channel: h.channel,
          guildId: h.guild.id,
          subcommand: 'ask',
          options: { question },
        }),
      );
      await vi.waitFor(() => expect(answered()).toBe(2 * i + 2), { timeout: 10_000 });
    }
    const sent = h.fake.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(sent.length).toBeGreaterThanOrEqual(2 * QUESTIONS.length);
    for (const request of sent) expect(JSON.stringify(request.body)).not.toContain(CANARY);
    expect(model.fake.chatRequests().length).toBeGreaterThan(0);
    for (const request of model.fake.chatRequests())
      expect(JSON.stringify(request.body)).not.toContain(CANARY);
  });
});
