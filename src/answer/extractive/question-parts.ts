import type { ConversationTurn } from '../../domain/conversation.js';
import { isStopWord, words } from '../../text/tokenize.js';

/** Alternatives that match with their first letter in either case (the split itself is case-sensitive, as a
 * capitalised word after a modal is read as a name). */
const anyCase = (alternatives: string) =>
  alternatives
    .split('|')
    .map((word) => `[${word[0]!.toLowerCase()}${word[0]!.toUpperCase()}]${word.slice(1)}`)
    .join('|');

const WH = String.raw`what|when|where|who|whom|whose|which|how|why`;
/** The auxiliaries that open a yes/no question ("did it…", "is there…") since the first version of the split. */
const OLD_AUX = String.raw`did|does|do|is|are|was|were`;
/** Modals and "have" open a question too ("…, and may I publish it?"), but also a second predicate of the same
 * subject ("which files are kept and must be signed?"): they split only before a subject of their own. */
const MODAL = String.raw`may|might|can|could|should|would|will|shall|must|has|have|had`;
const AUX = `${OLD_AUX}|${MODAL}`;
/** Words that stand as a subject right after an auxiliary: pronouns and determiners. */
const SUBJECT = String.raw`I|you|we|they|it|he|she|one|there|this|that|these|those|the|a|an|my|our|your|their|its|his|her|such|any|some|each|every|all`;
/** A preposition before a question word ("…, and for how long is it kept?"). */
const PREPOSITION = String.raw`in|for|from|to|at|by|on|with|under|after|before|since|until|during|of|about`;

/** "and" opening a new question: a question word (perhaps after a preposition), an auxiliary of the first version,
 * or a modal or "have" before a subject (a pronoun, a determiner, a capitalised name or a bare plural noun). */
const NEW_QUESTION = String.raw`,?\s+[Aa]nd\s+(?=(?:(?:${anyCase(PREPOSITION)})\s+)?(?:${anyCase(WH)})\b|(?:${anyCase(OLD_AUX)})\b|(?:${anyCase(MODAL)})\s+(?:(?:${anyCase(SUBJECT)})\b|[A-Z]|[a-z]+[^s\W]s\b))`;
const OPENS_QUESTION = new RegExp(String.raw`^\W*(?:(?:${PREPOSITION})\s+)?(?:${WH}|${AUX})\b`, 'i');

/**
 * A second clause that only continues the first ("Which code is sent when it enters passive mode and when it enters
 * extended mode?"): its opening word stands inside the first part before a subject ("when it…", "if the…"), and it has
 * no auxiliary of its own after that word (a question would: "when was it…"). It is asked with the first part's words
 * before that clause: "Which code is sent when it enters extended mode?".
 */
function continuedClause(previous: string, part: string): string | undefined {
  const opening = new RegExp(String.raw`^(when|where|if|whether|while|because|once)\s+(?:${SUBJECT})\b`, 'i').exec(part);
  if (!opening) return undefined;
  const at = new RegExp(String.raw`\s${opening[1]}\s+(?:${SUBJECT})\b`, 'i').exec(previous);
  if (!at) return undefined;
  return `${previous.slice(0, at.index).trim()} ${part}`;
}

/**
 * "How many connections do browsers open, and how many does the example reach?": the second "how many" leaves out
 * what it counts, and "which one…" what it picks; both are read from the part before ("how many connections does the
 * example reach?", "which reply code does RFC 2428 use?").
 */
function withElidedNoun(previous: string, part: string): string {
  const count = new RegExp(String.raw`^(\W*how (?:many|much))\s+(?=(?:${AUX})\b)`, 'i').exec(part);
  const pick = new RegExp(String.raw`^(\W*(?:which|what))\s+ones?\s+(?=(?:${AUX})\b)`, 'i').exec(part);
  const elided = count ?? pick;
  if (!elided) return part;
  // The noun phrase after the same question word in the part before, up to its auxiliary.
  const asked = count ? 'how many|how much' : 'which|what';
  const head = new RegExp(String.raw`\b(?:${asked})\s+((?:(?!(?:${AUX})\b)[\w'-]+\s+){1,4}?)(?=(?:${AUX})\b)`, 'i').exec(previous);
  if (!head) return part;
  return `${elided[1]} ${head[1]!.trim()} ${part.slice(elided[0].length)}`;
}

/**
 * "Which ratios were chosen for level AA and for level AAA, respectively?": one question asked of each conjunct
 * ("…for level AA?", "…for level AAA?"). The conjuncts are the phrase after the last "and" and as many words before
 * it (or, when the phrase opens with a preposition, from that preposition's last use before "and").
 */
function respectively(question: string): string[] | undefined {
  const match = /^(.*)\s+and\s+(.+?),?\s+respectively\s*([?.!]?)\s*$/i.exec(question);
  if (!match) return undefined;
  const [, before, right, mark] = match as unknown as [string, string, string, string];
  const rightWords = right.split(/\s+/);
  const preposition = new RegExp(String.raw`^(?:${PREPOSITION})$`, 'i').test(rightWords[0]!) ? rightWords[0]!.toLowerCase() : undefined;
  let leftStart: number;
  if (preposition) {
    leftStart = before.toLowerCase().lastIndexOf(` ${preposition} `);
    if (leftStart < 0) return undefined;
    leftStart += 1;
  } else {
    const beforeWords = before.split(/\s+/);
    if (beforeWords.length <= rightWords.length) return undefined;
    leftStart = before.length - beforeWords.slice(-rightWords.length).join(' ').length;
  }
  const stem = before.slice(0, leftStart).replace(/,\s*$/, '').trimEnd();
  const left = before.slice(leftStart).replace(/,\s*$/, '');
  const end = mark || '?';
  return [`${stem} ${left}${end}`, `${stem} ${right}${end}`];
}

/**
 * The parts of a question that asks two things ("When was it founded, and where is its head office?"): split at an
 * "and" that opens a new question, or between two questions; "…for A and for B, respectively" asks the question of
 * A and of B. A later part that continues a clause of the first, or leaves out the noun it asks about, is completed
 * from the first. One part for an ordinary question.
 */
export function questionParts(question: string): string[] {
  const distributed = respectively(question);
  const split = (distributed ?? question.split(new RegExp(String.raw`\?\s+(?=\S)|${NEW_QUESTION}`)))
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const parts = split.map((part, i) => {
    if (i === 0) return part;
    const previous = split[i - 1]!;
    return continuedClause(previous, part) ?? withElidedNoun(previous, part);
  });
  // "Where and when was it concluded?" is one question about one thing, and "(ref-12)" is no question: a part says
  // what it asks about, in two words of its own or one after a question word ("where is its headquarters?").
  const contentful = (part: string) => {
    const own = words(part).filter((word) => !isStopWord(word) && /^[a-z]{2,}$/.test(word)).length;
    return own >= 2 || (own === 1 && OPENS_QUESTION.test(part));
  };
  // Two or three parts are a question that asks several things; more is a list pasted in, answered as one question.
  return parts.length > 1 && parts.length <= 3 && parts.every(contentful) ? parts : [question];
}

/**
 * The conversation a part is asked in: a later part follows the part before it as a follow-up follows the turn
 * before ("Who founded Hampton Institute, and who succeeded him as its Principal?"), so "him" borrows the first part's
 * words through the condensing a follow-up gets (`condenseQuery`). The first part is asked in the conversation itself.
 */
export function historyForPart(history: ConversationTurn[], parts: string[], index: number): ConversationTurn[] {
  return index === 0 ? history : [...history, { role: 'user', content: parts[index - 1]! }];
}
