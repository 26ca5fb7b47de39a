/**
 * @module serve
 * The wiring of `brief serve` that the composition root (main.ts) calls: the chat adapters and what
 * runs beside them, feed polling, digests, and when to stop.
 */
export { createDigestFor, type DigestFor, onDemandDigest } from './digest-for.js';
export { feedRuntimeFor, startFeedPolling } from './feed-polling.js';
export { type ChatDeps, serveChat } from './serve-chat.js';
export { untilSignal } from './until-signal.js';
