/**
 * @module core/conversation/small-talk
 * Greetings, thanks, goodbyes and "what can you do?": one short friendly reply with two or three
 * example questions made from what is indexed (the top story's organisation, subject and a person
 * it quotes), so the examples always have an answer. No citations, no abstention.
 */
import type { ArticleStore } from '../ports.js';
import { briefNews } from './brief-news.js';
import type { SmallTalk } from './classify-message.js';
import { findEntities } from './find-entities.js';

const FALLBACK_EXAMPLES = ["What's new?", 'Summarize the news this week'];

/** Up to three questions the indexed articles can answer, the first a briefing. */
export async function exampleQuestions(store: ArticleStore, now: Date): Promise<string[]> {
  const news = await briefNews(store, now, { question: '', topic: null, days: 7, shown: [] });
  const top = news.stories[0];
  if (!top) return [];
  const examples = ["What's new?"];
  const headline = await findEntities(top.headline);
  const organisation = headline.organisations[0];
  if (organisation) examples.push(`What's the latest on ${organisation}?`);
  const quoted = await findEntities(news.answer.citations.map((c) => c.quote).join(' '));
  const person = quoted.people[0] ?? headline.people[0];
  if (person) examples.push(`What did ${person.name} say?`);
  else examples.push(`Which outlets covered ${organisation ?? 'the top story'}?`);
  return examples.slice(0, 3);
}

export function smallTalkText(act: SmallTalk, examples: string[], articles: number): string {
  const tries = (examples.length > 0 ? examples : FALLBACK_EXAMPLES).map((e) => `• ${e}`).join('\n');
  const have = articles > 0 ? `${articles} article${articles === 1 ? '' : 's'}` : 'the articles you ingest';
  switch (act) {
    case 'greeting':
      return `Hi! I brief you on the news in ${have}, with numbered sources. You could ask:\n${tries}`;
    case 'thanks':
      return `You're welcome! Anything else? For example:\n${tries}`;
    case 'farewell':
      return `Bye! Ask me any time, for example:\n${tries}`;
    case 'help':
      return (
        `I answer questions about the news in ${have}, each claim with a numbered source; I brief you on ` +
        `the latest stories, say which outlets covered a story and where they disagree, and follow-ups ` +
        `keep the context. Try:\n${tries}`
      );
  }
}
