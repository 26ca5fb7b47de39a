/**
 * @module adapters/slack/feed-commands
 * `/brief feeds add|list|remove` on Slack: translates the invocation for the shared feed commands
 * (feeds/feed-chat-commands), checking admin status only when a change needs it.
 */
import type { FeedChatCommands } from '../../feeds/feed-chat-commands.js';
import type { SlashSubcommand } from './slash-command.js';

export function slackFeedCommands(deps: {
  commands: FeedChatCommands;
  who: 'anyone' | 'admins';
}): SlashSubcommand[] {
  return [
    {
      name: 'feeds',
      usage: 'feeds add <url>... [every 1h] | feeds list | feeds remove <url>...',
      description: 'The news feeds I poll for new articles: add, list or remove them.',
      example: 'feeds add https://example.com/rss every 1h',
      async handler(invocation) {
        // An admin lookup that fails counts as no admin; the refusal then says who may change feeds.
        const needsAdmin = deps.who === 'admins' && deps.commands.changes(invocation.args);
        const isAdmin = needsAdmin ? await invocation.isAdmin().catch(() => false) : false;
        const text = await deps.commands.run(invocation.args, {
          platform: 'slack',
          workspaceId: invocation.teamId,
          channelId: invocation.channelId,
          userId: invocation.userId,
          isAdmin,
        });
        await invocation.respond(text);
      },
    },
  ];
}
