/**
 * @module adapters/slack/slack-slash.test
 * `/brief` through the real Bolt app in both modes: every subcommand, private replies, sharing, help, extensions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BadRequestError } from '../../core/errors.js';
import { SHARE_ACTION } from './share-action.js';
import type { SlashSubcommand } from './slash-command.js';
import { allText, buttons } from './testing/inspect.js';
import { type Harness, type SlackMode, startHarness } from './testing/slack-harness.js';
import { buttonClick } from './testing/slack-payloads.js';

const digest: SlashSubcommand = {
  name: 'digest',
  usage: 'digest [topic]',
  description: 'Sends a digest of the latest articles.',
  example: 'digest AI chips',
  handler: async ({ args, respond }) => {
    if (args === 'boom') throw new BadRequestError('No digest for "boom", sorry.');
    await respond(`Digest about ${args || 'everything'}`, { inChannel: true });
  },
};

describe.each<SlackMode>(['http', 'socket'])('/brief (%s mode)', (mode) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const reply = (responseId: string) =>
    h.fake.waitForResponse(`a reply on ${responseId}`, (r) => r.id === responseId);

  it('ask: acknowledges at once, then answers privately with sources, feedback and a share button', async () => {
    h = await startHarness(mode);
    const { ackText, responseId } = await h.command('ask How big is the AWS deal?');
    expect(ackText).toMatch(/Reading the articles/);
    const { body } = await reply(responseId);
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body)).toContain('How big is the AWS deal?');
    expect(allText(body)).toContain('38 billion');
    expect(allText(body)).toContain('*Sources*');
    expect(buttons(body).map((b) => b.action_id)).toEqual([
      'brief_feedback_up',
      'brief_feedback_down',
      SHARE_ACTION,
    ]);
  });

  it('share: posts exactly the private answer in the channel and removes the private copy', async () => {
    h = await startHarness(mode);
    const { responseId } = await h.command('ask How big is the AWS deal?');
    const { body: privateReply } = await reply(responseId);
    const share = buttons(privateReply).find((b) => b.action_id === SHARE_ACTION);
    await h.click(
      buttonClick({
        actionId: SHARE_ACTION,
        value: share?.value ?? '',
        responseUrl: h.fake.responseUrl('share-1'),
      }),
    );
    const deleted = await h.fake.waitForResponse(
      'the private copy removed',
      (r) => r.id === 'share-1' && r.body.delete_original === true,
    );
    const [shared] = h.fake.responses.filter(
      (r) => r.id === 'share-1' && r.body.response_type === 'in_channel',
    );
    expect(shared?.at).toBeLessThan(deleted.at);
    expect(allText(shared?.body ?? {})).toContain('Shared by ann');
    const answerBlocks = JSON.stringify((privateReply.blocks as unknown[]).slice(0, -1));
    expect(JSON.stringify(shared?.body.blocks)).toContain(answerBlocks.slice(1, -1));
    expect(buttons(shared?.body ?? {}).map((b) => b.action_id)).toEqual([
      'brief_feedback_up',
      'brief_feedback_down',
    ]);
  });

  it('share: says so when the result is no longer available', async () => {
    h = await startHarness(mode);
    await h.click(
      buttonClick({
        actionId: SHARE_ACTION,
        value: 'unknown-id',
        responseUrl: h.fake.responseUrl('share-2'),
      }),
    );
    const { body } = await reply('share-2');
    expect(body.response_type).toBe('ephemeral');
    expect(String(body.text)).toContain('no longer available');
  });

  it('search: lists matching articles privately, shareable', async () => {
    h = await startHarness(mode);
    const { responseId } = await h.command('search Trainium');
    const { body } = await reply(responseId);
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body)).toMatch(/articles\*? for “Trainium”/);
    expect(allText(body)).toContain('GeekWire');
    expect(buttons(body).map((b) => b.action_id)).toEqual([SHARE_ACTION]);
  });

  it('search: asks for terms when given none', async () => {
    h = await startHarness(mode);
    const { responseId } = await h.command('search');
    expect(allText((await reply(responseId)).body)).toContain('Tell me what to look for');
  });

  it('sources: says how many articles from which outlets', async () => {
    h = await startHarness(mode);
    const { responseId } = await h.command('sources');
    const { body } = await reply(responseId);
    expect(allText(body)).toContain('5 articles');
    expect(allText(body)).toContain('GeekWire');
  });

  it('help: lists every subcommand with an example, including added ones', async () => {
    h = await startHarness(mode, { extraCommands: [digest] });
    const { responseId } = await h.command('help');
    const text = allText((await reply(responseId)).body);
    for (const example of [
      '/brief ask How big is the AWS deal?',
      '/brief search Trainium chips',
      '/brief sources',
      '/brief help',
      '/brief digest AI chips',
    ]) {
      expect(text).toContain(example);
    }
  });

  it('answers an unknown or missing subcommand with the help', async () => {
    h = await startHarness(mode);
    const unknown = await h.command('weather tomorrow');
    const empty = await h.command('');
    expect(allText((await reply(unknown.responseId)).body)).toMatch(
      /I don't know `weather`[\s\S]*\/brief ask/,
    );
    expect(allText((await reply(empty.responseId)).body)).toContain('/brief ask');
  });

  it('reads the &, < and > that Slack escapes in the command text as the person typed them', async () => {
    h = await startHarness(mode, { extraCommands: [digest] });
    const { responseId } = await h.command('digest R&amp;D &lt;chips&gt;');
    const { body } = await reply(responseId);
    expect(allText(body)).toContain('Digest about R&amp;D &lt;chips&gt;');
    expect(allText(body)).not.toContain('&amp;amp;');
  });

  it('runs an added subcommand and shows its errors as a short line', async () => {
    h = await startHarness(mode, { extraCommands: [digest] });
    const ok = await h.command('digest AI chips');
    const bad = await h.command('digest boom');
    const { body } = await reply(ok.responseId);
    expect(body.response_type).toBe('in_channel');
    expect(allText(body)).toContain('Digest about AI chips');
    expect(allText((await reply(bad.responseId)).body)).toContain('No digest for "boom", sorry.');
  });

  it('ask: refuses an empty question with an example', async () => {
    h = await startHarness(mode);
    const { responseId } = await h.command('ask');
    expect(allText((await reply(responseId)).body)).toContain('Ask me a question about the news');
  });
});
