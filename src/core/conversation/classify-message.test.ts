import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify-message.js';
import { editDistance, normaliseMessage } from './normalise-message.js';

describe('classifyMessage', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hey there!', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks!', 'thanks'],
    ['thx', 'thanks'],
    ['ok thank you so much', 'thanks'],
    ['what can you do?', 'help'],
    ['help', 'help'],
    ['hlep', 'help'],
    ['helo', 'greeting'],
    ['hallo there', 'greeting'],
    ['bye', 'farewell'],
  ])('reads %j as small talk (%s)', (text, act) => {
    expect(classifyMessage(text)).toEqual({ kind: 'chat', act });
  });

  it.each([
    ["What's new?", null, 'recent'],
    ['whats the latest', null, 'recent'],
    ['wats new today', null, 'today'],
    ['What happened this week?', null, 'week'],
    ['top stories', null, 'recent'],
    ['brief me', null, 'recent'],
    ['Summarize the news', null, 'recent'],
    ['sumarize the news this week', null, 'week'],
    ["What's the latest on Nvidia?", 'nvidia', 'recent'],
    ['any news about the aws deal', 'the aws deal', 'recent'],
    ['summarize what happened with OpenAI', 'openai', 'recent'],
    ['hi, whats new', null, 'recent'],
  ])('reads %j as a briefing (topic %j, %s)', (text, topic, window) => {
    expect(classifyMessage(text)).toEqual({ kind: 'briefing', topic, window });
  });

  it.each([
    ['what else?', { kind: 'more' }],
    ['more', { kind: 'more' }],
    ['anything else', { kind: 'more' }],
    ['tell me more', { kind: 'detail', topic: null }],
    ['tell me more about project rainier', { kind: 'detail', topic: 'project rainier' }],
    ['Which outlets covered the deal?', { kind: 'coverage', topic: 'the deal' }],
    ['who reported that', { kind: 'coverage', topic: 'that' }],
    ['where did you read that?', { kind: 'coverage', topic: null }],
    ['who else reported on the aws deal', { kind: 'coverage', topic: 'the aws deal' }],
    ['which outlests coverd it', { kind: 'coverage', topic: 'it' }],
    ['What do the sources disagree on?', { kind: 'disagreement', topic: null }],
    ['do the sources agree on the price', { kind: 'disagreement', topic: 'the price' }],
  ])('reads %j as %j', (text, intent) => {
    expect(classifyMessage(text)).toEqual(intent);
  });

  it.each([
    'How big is the AWS deal?',
    'Who is the CEO of AWS?',
    'and what did he say?',
    'when?',
    'who is dave brown',
    'What did Sam Altman say about the news?',
    'is the latest GPU in the deal?',
    'hi how big is the deal',
  ])('reads %j as a question to look up', (text) => {
    expect(classifyMessage(text)).toEqual({ kind: 'question' });
  });
});

describe('normaliseMessage', () => {
  it('folds case, apostrophes, punctuation, shorthand and typos of key words', () => {
    expect(normaliseMessage('Wat’s the LATEST??')).toBe("what's the latest");
    expect(normaliseMessage('thx u')).toBe('thanks you');
    expect(normaliseMessage('the lates news')).toBe('the latest news');
    expect(normaliseMessage('who reported that')).toBe('who reported that');
    expect(normaliseMessage('when was it held')).toBe('when was it held');
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('waht', 'what')).toBe(1);
    expect(editDistance('sumarize', 'summarize')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
