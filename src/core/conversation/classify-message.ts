/**
 * @module core/conversation/classify-message
 * What a chat message asks for, read from its normalised words: small talk (greetings, thanks, help),
 * a briefing ("what's new", "summarize the news", "latest on X"), more of the last briefing ("what
 * else"), more about the last subject ("tell me more"), who covered a story, where sources disagree,
 * or a question to look up. Deterministic patterns: the phrases people use for these are few.
 */
import { normaliseMessage } from './normalise-message.js';

export type SmallTalk = 'greeting' | 'thanks' | 'help' | 'farewell';
/** How far back a briefing looks: the last day, the last week, or the default recent window. */
export type BriefingWindow = 'today' | 'week' | 'recent';

export type Intent =
  | { kind: 'chat'; act: SmallTalk }
  | { kind: 'briefing'; topic: string | null; window: BriefingWindow }
  | { kind: 'more' }
  | { kind: 'detail'; topic: string | null }
  | { kind: 'coverage'; topic: string | null }
  | { kind: 'disagreement'; topic: string | null }
  | { kind: 'question' };

const GREETING =
  /^(hi|hello|hey|howdy|yo|hiya|greetings|good (morning|afternoon|evening|day)|morning|evening)( there| all| everyone| team| folks| bot| briefbot)?( how are you| how's it going)?$/;
const THANKS =
  /^((ok|okay|great|cool|nice|perfect|awesome|brilliant|got it|lovely) )*(thanks|thank you|cheers|many thanks|much appreciated|appreciate it)( a lot| so much| very much| again| for that| for the help| mate| man)*$|^(ok|okay|great|cool|nice|perfect|awesome|got it|good|lovely|brilliant)$/;
const FAREWELL =
  /^(bye|goodbye|bye bye|see you|see ya|later|good night|ciao|that's all|that is all)( for now| thanks)?$/;
const HELP =
  /^(help|help me|help please|please help|\?|commands|menu|options|what can you do|what do you do|what can i ask( you)?|what can you tell me|what should i ask( you)?|how do(es)? (this|it|you) work|how do i use (this|you)|who are you|what are you|what is this|what's this|are you a bot|what are you for|what can you help( me)? with|what do you know( about)?)( for me)?( please)?$/;

const WINDOW_WORDS =
  /\s*\b(today|tonight|this morning|this evening|right now|so far today|this week|past week|last week|the last (7|seven) days|the past (7|seven) days|lately|recently|these days|this past week)$/;

const MORE =
  /^(and )?(what else|anything else|more|more please|more stories|any more|anymore|next|next ones?|what's next|keep going|go on|continue|others|other stories|other news|what other news|what else is new|what else is there|more news|show me more|give me more|and then)( please)?$/;
const DETAIL =
  /^(tell me more|more details?|more info(rmation)?|more on (that|this|it)|elaborate|go deeper|details|expand on (that|this|it)|what's the background|background|more about (that|this|it))( please)?$|^(tell me more|more details?|more) (about|on) (.+)$/;

const BRIEFING_PATTERNS: RegExp[] = [
  /^(so )?(what's|what is|what are) (new|happening|going on|up|the news|the latest( news)?|latest( news)?|the big news|in the news|trending|the headlines|the top stories|the main stories)\b(?: (?:on|about|with|in|for|regarding|re) (.+))?$/,
  /^(the )?(latest|news|headlines|top stories|top news|top headlines|main stories|big stories)( news| stories)?\b(?: (?:on|about|with|for|regarding) (.+))?$/,
  /^(any|anything) (news|new|updates?|developments?)\b(?: (?:on|about|with|for|regarding|re) (.+))?$/,
  /^(give me |i want |can i get |can you give me )?(a |the )?(briefing|rundown|summary|recap|digest|overview|round ?up)\b(?: (?:of|on|about|for) (.+))?$/,
  /^(please )?(brief me|catch me up|fill me in|update me)\b(?: (?:on|about|with) (.+))?$/,
  /^(what did i miss|what have i missed)\b(?: (?:on|about|with) (.+))?$/,
  /^(please )?(summarize|summarise|sum up)\b(?: (?:the news|the latest|today|this week|what's new|everything))?(?: (?:on|about|of|for) (.+))?$/,
  /^(please )?(summarize|summarise|sum up|tell me|brief me on) what (happened|is happening|has happened|went on|'s happening)\b(?: (?:with|to|at|in|on|about|regarding) (.+))?$/,
  /^(so )?what (happened|has happened|went on|is happening)\b(?: (?:with|to|at|in|on|about|regarding) (.+))?$/,
  /^(please )?(summarize|summarise|sum up) (.+)$/,
];

const COVERAGE_PATTERNS: RegExp[] = [
  /^(and )?(who|which (outlets|sources|papers|newspapers|sites|websites|publications|media|news outlets|reporters|journalists)|what (outlets|sources|publications|media|papers|sites)) (else )?(has |have |had )?(reported|covered|wrote|written|published|broke|is reporting|are reporting|is covering|are covering|reports|covers|ran)( about| on)?\b(?: (.+))?$/,
  /^(and )?(where|which articles?|what articles?) did you (read|see|get|find|hear)( about| that| this| it)?\b(?: (.+))?$/,
  /^(and )?where (is|was|does|did) (that|this|it) (from|come from|come from)$/,
  /^(and )?(what are|what were|show me|list|give me) (your |the )?(sources|outlets|articles)\b(?: (?:on|for|about|of|behind) (.+))?$/,
  /^(and )?(sources|outlets|who reported)\b(?: (?:on|for|about|of) (.+))?$/,
];

const DISAGREEMENT_PATTERNS: RegExp[] = [
  /\b(disagree|disagreement|disagreements|conflict|conflicting|contradict|contradiction|contradictions|differ|different accounts|dispute|inconsisten\w*)\b(?: (?:on|about|over|regarding)(?: (.+))?)?$/,
  /^(do|does) (the )?(sources|outlets|reports|articles) (agree|all agree|say the same)\b(?: (?:on|about)(?: (.+))?)?$/,
];

/** Reads what `message` asks for. */
export function classifyMessage(message: string): Intent {
  let text = normaliseMessage(message);
  // "hi, what's new?" is a briefing; "hi" alone is a greeting.
  const greeted =
    /^(hi|hello|hey|howdy|yo|good (morning|afternoon|evening)|morning)( there| all| bot| briefbot)? (.+)$/.exec(
      text,
    );
  if (greeted?.[4] && !GREETING.test(text)) text = greeted[4];
  text = text.replace(/^(ok|okay|so|well|and|hmm|alright) (?=\S)/, '').replace(/ please$/, '');
  if (text === '' || GREETING.test(text)) return { kind: 'chat', act: 'greeting' };
  if (THANKS.test(text)) return { kind: 'chat', act: 'thanks' };
  if (FAREWELL.test(text)) return { kind: 'chat', act: 'farewell' };
  if (HELP.test(text)) return { kind: 'chat', act: 'help' };
  if (MORE.test(text)) return { kind: 'more' };
  const detail = DETAIL.exec(text);
  if (detail) return { kind: 'detail', topic: topicOf(detail.at(-1) ?? null) };
  for (const pattern of DISAGREEMENT_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { kind: 'disagreement', topic: topicOf(m.at(-1) ?? null) };
  }
  for (const pattern of COVERAGE_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { kind: 'coverage', topic: topicOf(m.at(-1) ?? null) };
  }
  const window = windowOf(text);
  const bare = text.replace(WINDOW_WORDS, '').trim();
  for (const pattern of BRIEFING_PATTERNS) {
    const m = pattern.exec(bare);
    if (m) return { kind: 'briefing', topic: topicOf(m.at(-1) ?? null), window };
  }
  // "news today", "this week", "today's news": only a time, no subject.
  if (
    /^((the )?news |today's news|this week's news|the week|today)$/.test(`${text}`.trim()) ||
    bare === 'news'
  )
    return { kind: 'briefing', topic: null, window };
  return { kind: 'question' };
}

function windowOf(text: string): BriefingWindow {
  if (/\b(today|tonight|this morning|this evening|right now|so far today|today's)\b/.test(text))
    return 'today';
  if (/\b(this week|past week|last week|(last|past) (7|seven) days|this past week|this week's)\b/.test(text))
    return 'week';
  return 'recent';
}

/** The topic phrase, without filler and time words; null when nothing is left. */
function topicOf(raw: string | null): string | null {
  if (!raw) return null;
  const topic = raw
    .replace(WINDOW_WORDS, '')
    .replace(/^(the news|news|stories|the story|the latest) (on|about|of|with) /, '')
    .replace(/^(about|on|of|with|regarding|re) /, '')
    .trim();
  if (topic === '' || /^(the news|news|everything|it all|all|today|the latest|what's new)$/.test(topic))
    return null;
  return topic;
}
