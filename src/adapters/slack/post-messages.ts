/**
 * @module adapters/slack/post-messages
 * Sending to Slack through the Web API: a reply as one or more messages (in order, in a thread when
 * asked), updating or deleting a message the bot posted, and the 👀 "working on it" reaction. Web API
 * retries on 429/5xx happen inside the WebClient.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import { type SlackMessage, type SlackReply, toMessages } from './blocks.js';
import { toDeliveryError } from './slack-errors.js';

export type WebClient = webApi.WebClient;

export interface Target {
  channel: string;
  /** The thread to answer in; undefined posts at the top level (a DM). */
  threadTs: string | undefined;
}

/** Posts a reply; returns the ts of each message. Throws DeliveryError when Slack refuses. */
export function postReply(client: WebClient, target: Target, reply: SlackReply): Promise<string[]> {
  return postMessages(client, target, toMessages(reply));
}

/** Slack message metadata: an app's own record on a message, returned by conversations.history. */
export interface SlackMessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

/**
 * Posts messages in order; returns the ts of each. Throws DeliveryError when Slack refuses. With
 * `metadataFor`, message `i` of `count` carries its metadata.
 */
export async function postMessages(
  client: WebClient,
  target: Target,
  messages: readonly SlackMessage[],
  metadataFor?: (index: number, count: number) => SlackMessageMetadata,
): Promise<string[]> {
  const posted: string[] = [];
  for (const [index, message] of messages.entries()) {
    try {
      const result = await client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        link_names: false,
        ...(metadataFor ? { metadata: metadataFor(index, messages.length) } : {}),
      });
      posted.push(result.ts ?? '');
    } catch (error) {
      throw toDeliveryError(error, 'chat.postMessage');
    }
  }
  return posted;
}

/** Replaces the text and blocks of a message the bot posted. Throws DeliveryError when Slack refuses. */
export async function updateMessage(
  client: WebClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<void> {
  try {
    await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks, link_names: false });
  } catch (error) {
    throw toDeliveryError(error, 'chat.update');
  }
}

/** Deletes a message the bot posted. Throws DeliveryError when Slack refuses. */
export async function deleteMessage(client: WebClient, channel: string, ts: string): Promise<void> {
  try {
    await client.chat.delete({ channel, ts });
  } catch (error) {
    throw toDeliveryError(error, 'chat.delete');
  }
}

/** Adds a reaction; resolves to whether it was added. Never rejects: a missing reaction is only logged. */
export async function addReaction(
  client: WebClient,
  channel: string,
  ts: string,
  name: string,
  logger: Logger,
) {
  try {
    await client.reactions.add({ channel, timestamp: ts, name });
    return true;
  } catch (error) {
    const failure = toDeliveryError(error, 'reactions.add');
    logger.warn('slack reaction not added', { code: failure.code, cause: failure, name });
    return false;
  }
}

/** Removes a reaction once `added` says it is there. Never rejects. */
export async function removeReaction(
  client: WebClient,
  channel: string,
  ts: string,
  name: string,
  added: Promise<boolean>,
  logger: Logger,
) {
  if (!(await added)) return;
  try {
    await client.reactions.remove({ channel, timestamp: ts, name });
  } catch (error) {
    const failure = toDeliveryError(error, 'reactions.remove');
    logger.warn('slack reaction not removed', { code: failure.code, cause: failure, name });
  }
}
