import { describe, expect, it } from 'vitest';
import { completeSentences, extractJson } from './answer-schema.js';

const ANSWER = {
  sentences: [{ text: 'The deal is worth $38 billion.', citations: [] }],
  cannot_answer: false,
};
const json = JSON.stringify(ANSWER);

describe('extractJson', () => {
  it('reads bare JSON, JSON in prose and JSON in a fence', () => {
    expect(extractJson(json)).toEqual(ANSWER);
    expect(extractJson(`Sure! Here it is: ${json} Hope that helps {smile}.`)).toEqual(ANSWER);
    expect(extractJson(`\`\`\`json\n${json}\n\`\`\``)).toEqual(ANSWER);
  });

  it('skips <think> blocks, a lone </think> and an unclosed leading <think>', () => {
    expect(extractJson(`<think>Maybe {"sentences": []}? No.</think>\n${json}`)).toEqual(ANSWER);
    expect(extractJson(`I should cite passage {1}.\n</think>\n${json}`)).toEqual(ANSWER);
    expect(extractJson(`<think>Draft: {"sentences": []}\n${json}`)).toEqual(ANSWER);
  });

  it('prefers the last fenced block and the last top-level object', () => {
    const draft = JSON.stringify({ sentences: [], cannot_answer: true });
    expect(extractJson(`\`\`\`json\n${draft}\n\`\`\`\nFixed:\n\`\`\`json\n${json}\n\`\`\``)).toEqual(ANSWER);
    expect(extractJson(`First try ${draft}, then ${json}`)).toEqual(ANSWER);
  });

  it('ignores braces inside JSON strings', () => {
    const tricky = { sentences: [{ text: 'A } brace and a { brace "quoted".', citations: [] }] };
    expect(extractJson(`x ${JSON.stringify(tricky)} y`)).toEqual(tricky);
  });

  it('throws SyntaxError when there is no object', () => {
    expect(() => extractJson('<think>{"a": 1}</think> no JSON here')).toThrow(SyntaxError);
    expect(() => extractJson('{ not json }')).toThrow(SyntaxError);
  });
});

describe('completeSentences', () => {
  const one = {
    text: 'The deal is worth $38 billion.',
    citations: [{ passage: 1, quote: 'worth $38 billion' }],
  };

  it('reads the sentences finished so far, with their citations, not the one being written', () => {
    const snapshot = `{"sentences": [${JSON.stringify(one)}, {"text": "It runs for seven`;
    expect(completeSentences(snapshot)).toEqual([one]);
    expect(completeSentences('{"sentences": [{"text": "The deal is')).toEqual([]);
    expect(completeSentences(`{"sentences": [${JSON.stringify(one)}], "disagreement": {"x": 1}}`)).toEqual([
      one,
    ]);
  });

  it('reads braces and brackets inside strings as text', () => {
    const tricky = { text: 'A "quoted" {brace} [1] sentence.', citations: [] };
    expect(completeSentences(`{"sentences": [${JSON.stringify(tricky)}, {`)).toEqual([tricky]);
  });

  it("never reports text from the model's reasoning", () => {
    expect(completeSentences(`<think>{"sentences": [${JSON.stringify(one)}]`)).toEqual([]);
    const after = `<think>{"sentences": [{"text": "Secret", "citations": []}]}</think>{"sentences": [${JSON.stringify(one)}`;
    expect(completeSentences(after)).toEqual([one]);
  });
});
