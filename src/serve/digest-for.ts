/**
 * @module serve/digest-for
 * The digests `brief` builds (scheduled, asked for in chat or on the command line): a window of the
 * store's articles grouped into stories, written by the model when one is configured.
 */
import type { ModelServices } from '../compose-model.js';
import type { Config } from '../config.js';
import { buildDigest } from '../core/digest/build-digest.js';
import type { Digest } from '../core/digest/digest.js';
import { topicProblem } from '../core/digest/topic-filter.js';
import { refineDigestWithModel } from '../core/digest/write-story-with-model.js';
import { BadRequestError } from '../core/errors.js';
import type { ArticleStore, Clock, Logger } from '../core/ports.js';

export type DigestFor = (request: {
  since: string | null;
  topic: string | null;
  until?: string;
}) => Promise<Digest>;

/** A digest asked for in chat refuses a topic that would match every article, as subscribing does. */
export function onDemandDigest(digestFor: DigestFor, topic: string | null): Promise<Digest> {
  const problem = topic ? topicProblem(topic) : null;
  if (problem) return Promise.reject(new BadRequestError(`Can't use that topic: ${problem}.`));
  return digestFor({ since: null, topic });
}

/** Digests from `since` (default: the last 24 hours) to `until` (default: now), model-written when a model is set. */
export function createDigestFor(
  store: ArticleStore,
  config: Config,
  model: ModelServices,
  logger: Logger,
  clock: Clock,
): DigestFor {
  return async (request) => {
    const until = request.until ?? clock.now().toISOString();
    const digest = await buildDigest(store, {
      since: request.since ?? new Date(Date.parse(until) - 86_400_000).toISOString(),
      until,
      topic: request.topic,
      maxStories: config.DIGEST_MAX_STORIES,
    });
    if (!model.answerModel || digest.stories.length === 0) return digest;
    return refineDigestWithModel(digest, model.answerModel, {
      store,
      logger,
      maxPassages: config.OPENAI_MAX_PASSAGES,
    });
  };
}
