/**
 * The permissions an answer needs, how a missing one is named to the person, and the invite link
 * (which docs/DISCORD.md must quote exactly).
 */
import { readFileSync } from 'node:fs';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  discordInviteUrl,
  INVITE_PERMISSIONS,
  missingPermissionLine,
  missingPermissions,
} from './permissions.js';

const everything = new PermissionsBitField(INVITE_PERMISSIONS);
const without = (flag: bigint) => new PermissionsBitField(INVITE_PERMISSIONS & ~flag);

describe('missingPermissions', () => {
  it('finds nothing missing with the invite permissions, in channels and threads', () => {
    expect(missingPermissions(everything, { inThread: false, asReply: true })).toEqual([]);
    expect(missingPermissions(everything, { inThread: true, asReply: true })).toEqual([]);
  });

  it('names what a channel, a thread or a reply lacks', () => {
    expect(
      missingPermissions(without(PermissionFlagsBits.SendMessages), { inThread: false, asReply: false }),
    ).toEqual(['Send Messages']);
    expect(
      missingPermissions(without(PermissionFlagsBits.SendMessages), { inThread: true, asReply: false }),
    ).toEqual([]);
    expect(
      missingPermissions(without(PermissionFlagsBits.SendMessagesInThreads), {
        inThread: true,
        asReply: false,
      }),
    ).toEqual(['Send Messages in Threads']);
    expect(
      missingPermissions(without(PermissionFlagsBits.ReadMessageHistory), { inThread: false, asReply: true }),
    ).toEqual(['Read Message History']);
    expect(
      missingPermissions(without(PermissionFlagsBits.ReadMessageHistory), {
        inThread: false,
        asReply: false,
      }),
    ).toEqual([]);
  });

  it('lets Administrator stand for everything', () => {
    expect(
      missingPermissions(new PermissionsBitField(PermissionFlagsBits.Administrator), {
        inThread: true,
        asReply: true,
      }),
    ).toEqual([]);
  });

  it('tells the person what is missing and who can fix it', () => {
    expect(missingPermissionLine(['Embed Links', 'Send Messages'])).toBe(
      "I can't post answers in this channel: I'm missing these permissions: **Embed Links**, **Send Messages**. Ask a server admin to grant them to my role, or ask me somewhere else.",
    );
  });
});

describe('discordInviteUrl', () => {
  it('asks for the bot and command scopes and exactly the five permissions, as the docs say', () => {
    const url = discordInviteUrl('1234567890');
    expect(url).toBe(
      'https://discord.com/oauth2/authorize?client_id=1234567890&scope=bot%20applications.commands&permissions=274877991936',
    );
    const docs = readFileSync(new URL('../../../docs/DISCORD.md', import.meta.url), 'utf8');
    expect(docs).toContain(url.replace('1234567890', 'APPLICATION_ID'));
  });
});
