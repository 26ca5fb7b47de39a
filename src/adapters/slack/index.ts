/**
 * @module adapters/slack
 * The Slack adapter's public surface: start it from main.ts, extend `/brief` with more subcommands (the
 * digest ones included), post scheduled digests through its sink, and build replies with the same Block
 * Kit pieces (escaped, within Slack's limits).
 */
export { ALERT_NOT_IN_CHANNEL, slackAlertCommands } from './alert-commands.js';
export { createSlackAlertSink } from './alert-sink.js';
export { context, divider, mrkdwnReply, plainReply, type SlackReply, sections } from './blocks.js';
export { type SlackDigestCommandsDeps, slackDigestCommands } from './digest-commands.js';
export { type DigestRenderOptions, renderDigest } from './digest-render.js';
export { createSlackDigestSink, type SlackDigestSinkDeps } from './digest-sink.js';
export { slackFeedCommands } from './feed-commands.js';
export { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';
export { formatPublished, sourceLine } from './render-source-line.js';
export type { RespondOptions, SlashInvocation, SlashRespond, SlashSubcommand } from './slash-command.js';
export { DEFAULT_WEB_API_RETRY, type SlackDeps, type SlackHandle, startSlack } from './start-slack.js';
