/**
 * A reason is a causal link bound to what the question asks about (sentences written here).
 */
import { describe, expect, it } from 'vitest';
import { causalLinksIn, eventTermsOf, givesReason } from './reason-link.js';

describe('causalLinksIn', () => {
  it.each([
    'The ferry was cancelled because the harbour wall had cracked.',
    'The ferry was cancelled due to high winds.',
    'Ticket prices rose as a result of the new harbour tax.',
    'The delay was caused by a cracked harbour wall.',
    'The main reason is the cost of the new hull.',
    'Falling demand led to the closure of the yard.',
    'Since she moved to Portmere, she walks to work.',
    'The wall cracked, so the ferry stayed in port.',
    'The old ferryman died of pneumonia in March.',
    'The council bought the yard in order to keep the ferry running.',
  ])('finds a cause or purpose in "%s"', (sentence) => {
    expect(causalLinksIn(sentence).length).toBeGreaterThan(0);
  });

  it.each([
    'The ferry sailed again after the storm.',
    'The new ferry lets passengers take bicycles on board.',
    'The crossing is so much faster now.',
    'Since 2019 the ferry has run twice a day.',
    'Since the launch, the ferry has carried 40,000 people.',
  ])('finds none in "%s" (a time, a possibility or an intensifier)', (sentence) => {
    expect(causalLinksIn(sentence)).toEqual([]);
  });
});

describe('givesReason', () => {
  it('binds the cause to the asked event', () => {
    const question = 'Why was the Portmere ferry cancelled?';
    expect(givesReason('The ferry was cancelled because the harbour wall had cracked.', question)).toBe(true);
    expect(givesReason('Portmere grew because the railway arrived in 1880.', question)).toBe(false);
  });

  it('matches the event in another of its forms', () => {
    expect(givesReason('His death was caused by a fall.', 'What did Ansel Brody die of?')).toBe(true);
  });

  it('reads the event from the question’s lower-case words, not its names', () => {
    expect(eventTermsOf('Why did Harlow Paper close the Riverside mill?')).toEqual(['close', 'mill']);
  });
});
