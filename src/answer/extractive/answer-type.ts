import type { SynonymsOf } from '../../text/synonyms.js';
import { hasFreshEntity } from '../../text/entities.js';
import { isStopWord, stem, words } from '../../text/tokenize.js';
import { CURRENCY_CODE_BEFORE_SIGN, CURRENCY_WORDS, figureKinds, figuresIn, MONTH_NAMES, YEAR } from './figures.js';

export type AnswerType = 'date' | 'duration' | 'number' | 'person' | 'place' | 'placeName' | 'list' | 'other';

/** Auxiliaries and modals after "what"/"which": the question word then asks about a clause ("what does the status
 * code mean?", "what can a release contain?"), not for the thing named after it. */
const AUXILIARY_WORDS = 'is|are|was|were|do|does|did|has|have|can|could|should|would|will|may|might|must|shall';
const AUXILIARY = `(?:${AUXILIARY_WORDS})`;
/** "Do", "have" and the modals open a clause of their own after a counted phrase ("how many bytes do Chinese
 * characters take", "how many members has the board appointed"); a copula does not ("how many students are boarders":
 * the same things, counted). */
const CLAUSE_AUXILIARY = new RegExp(`^(?!(?:is|are|was|were)$)(?:had|${AUXILIARY_WORDS})$`, 'i');

/** "Which Python version…", "in which zstd release…": the question asks for a version. Not when the word is the first
 * half of a compound ("which version control system", "what release notes", "which release channel"): those ask for
 * a thing, not a number. */
const VERSION_CUE = new RegExp(
  `\\b(?:what|which) (?:(?!${AUXILIARY}\\b)[a-z]+ )?(?:versions?|releases?)\\b(?! (?:control|notes?|history|process|channels?|branch(?:es)?|schedule|cadence|policy|manager)\\b)`,
);

/** "How often…", "how frequently…": the question asks for a frequency. */
const HOW_OFTEN = /\bhow (?:often|frequently)\b/;

/** What each question word asks for. The one that opens the question decides: "How many replies does the server
 * send when the transfer ends?" asks for a number, "Who wrote the specification when FTP was first defined?" for a
 * name; a later "when" starts a clause. */
const ANSWER_CUES: [AnswerType, RegExp][] = [
  ['date', /\b(when|what year|which year|what date|in what year|since when)\b/],
  // "How long…", "how much time…", "for how many days…": a span of time, not a point in it nor any figure.
  // "How long is the header?" asks for a length: a figure.
  ['number', /\bhow long (?:is|are|was|were)\b/],
  [
    'duration',
    /\bhow (long|soon)\b|\bhow much time\b|\bfor how many (seconds|minutes|hours|days|weeks|months|years)\b|\b(?:what|which) (period|time limit|timeout|interval|delay|duration)\b/,
  ],
  // "Which Python version…", "since what version…", "in which release…": a version is named by its number.
  ['number', VERSION_CUE],
  // "How hot…", "how far…", "how old…": a measure, which is a figure.
  ['number', /\bhow (hot|cold|warm|far|tall|high|deep|wide|thick|heavy|fast|old)\b/],
  ['number', /\bhow (many|much|large|big)\b|\bthe number of\b|\bwhat (number|percentage|fraction|share|proportion|amount|ratio|size)\b/],
  // "How often…": a frequency, given by a figure or in words (`asksHowOften`).
  ['number', HOW_OFTEN],
  // "What status code…", "which FTP reply code…", "what exit status…": a code is given by its figure. One word may
  // name the protocol or tool between them; more is a clause of its own ("which header accompanies status code 416?").
  ['number', new RegExp(`\\b(?:what|which) (?:(?!${AUXILIARY}\\b)[a-z0-9]+ )?(?:(?:status|reply|response|exit|return) codes?|exit status)\\b`)],
  // "What is the population of X?" asks for a figure as surely as "how many".
  [
    'number',
    /\b(what|how large|how big) (is|was|are|were)\b[^?]{0,40}\b(population|number|size|budget|cost|price|fee|amount|total|percentage|value|revenue|area|height|length|count|ratio|limit|maximum|minimum)\b/,
  ],
  // "What annual budget…", "what population…": the quantity is what is asked.
  ['number', /\bwhat (?:[a-z]+ )?(population|budget|cost|price|fee|amount|total|percentage|revenue)\b/],
  // "What does it cost…", "what did the campaign cost?"
  ['number', /\bwhat (?:does|did|do|will|would) [^?]{0,40}(?<!\b(?:the|a|an|of|its|their|this|that|to) )cost\b/],
  // "Which city…", "what country…": a place name, as surely as "who" wants a name.
  ['placeName', /\b(which|what|in which|in what)\s+(city|town|country|countries|nation|continent|region|capital)\b/],
  ['person', /\bwho\b/],
  ['place', /\bwhere\b/],
];
/** The cues again, to find every occurrence. */
const ANSWER_CUES_GLOBAL = ANSWER_CUES.map(([type, cue]) => [type, new RegExp(cue.source, 'g')] as const);

/** A preposition before the question word it governs: "below what size…", "under which name…", "on which port…" open
 * their question as "what size…" would. */
const CLAUSE_PREPOSITION = '(?:about|above|after|at|before|below|by|during|for|from|in|into|of|on|over|through|to|under|with|within)\\s+';
/** The text before a question word that opens the question or a clause of it: nothing, or a clause's punctuation,
 * with perhaps the question word's preposition. */
const CLAUSE_OPENING = new RegExp(`(?:^|[:;,?]\\s*)(?:${CLAUSE_PREPOSITION})?$`);

/** A leading subordinate clause that sets the scene before the question it ends in ("When two people edit…, which…"),
 * compiled once: every question is typed with it. */
const LEADING_SUBORDINATE_CLAUSE = new RegExp(
  `^\\W*(?:when|if|while|after|before|once|since|as soon as|although|though|because|unless|until)\\b[^,?]*,\\s*(?=(?:${CLAUSE_PREPOSITION})?(?:what|which|who|whom|whose|why|how|where|when|is|are|was|were|do|does|did|can|could|should|would|will|may|must|has|have)\\b)`,
);
/** A preposition opening the question or a clause of it, with what stands before it (kept when it is removed). */
const CLAUSE_PREPOSITIONS = new RegExp(`(^|[:;,]\\s*)(?:${CLAUSE_PREPOSITION})`, 'g');

/** The words a question, or a clause that asks one, opens with: a question word or an auxiliary. */
const QUESTION_OPENERS = `what|which|who|whom|whose|why|how|where|when|am|had|${AUXILIARY_WORDS}`;
/** Where a question's asking sentence starts after a statement: a full stop or "!", then a question word or an
 * auxiliary, capitalised. */
const ASKING_SENTENCE_START = new RegExp(
  `(?<=[.!])\\s+(?=(?:${QUESTION_OPENERS.replace(/(^|\|)(\w)/g, (_, bar: string, first: string) => bar + first.toUpperCase())})\\b)`,
);
/** A question word or an auxiliary opening the question, or a clause of it after a comma, colon or semicolon. */
const OPENS_AS_QUESTION = new RegExp(`(?:^|[:;,]\\s*)\\W*(?:${QUESTION_OPENERS})\\b`);

/** The sentence that asks, when a question first sets the scene in sentences of its own ("When I launch it, it shows
 * an error. What is normally missing?"): the first one ending in a question mark after a statement; else the whole. */
function askingSentence(question: string): string {
  // The asking sentence opens with a question word or an auxiliary after a full stop: a stop after an initial or an
  // abbreviation ("Booker T. Washington", "Mrs. Smith", "Acme Ltd. In 1999…") is followed by a name or a phrase
  // instead, and a stop after an upper-case word ("…loading the Python DLL. What…") ends a sentence as any other.
  const sentences = question.trim().split(ASKING_SENTENCE_START);
  if (sentences.length < 2) return question;
  return sentences.slice(1).find((sentence) => sentence.includes('?')) ?? question;
}

/** A question that asks for several things: "List…" or "Name…" opening it (not "List of…", "List is…", "Name of…"),
 * "name all…", "what are the…", "which… are…", or a count in the question's own wh-phrase ("which three new
 * commands…", "what are the four pillars…"). A count or the word "list" elsewhere names something else: "two people
 * share one computer", "the list of folders", "the key list", "which two-factor method…". */
const ASKS_FOR_LIST =
  /^\W*(?:list\b(?!\s+(?:of|is|are|was|were)\b)|name\b(?!\s+of\b))|\bname (?:all|the)\b|\bwhat (?:are|were) (?:the|its|their|all)\b|\bwhich\b.*\b(?:are|were)\b|\b(?:what|which)\s+(?:(?:are|were)\s+)?(?:(?:the|its|their|\w+['’]s)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|several|all)(?![-\w])/;

/** What kind of answer the question wants, from its wh-word and shape. */
export function expectedAnswerType(question: string): AnswerType {
  // "What's the count…" is "what is the count…".
  const q = askingSentence(question)
    .toLowerCase()
    // A follow-up often opens with a conjunction or a discourse marker ("And what is…", "So how many…"): the question
    // word after it opens the question.
    .replace(/^\W*(?:and|but|so|also|then|okay|ok|now|well)\b[\s,]*/, '')
    .replace(/\b(what|who|where|when|how)['’]s\b/g, '$1 is')
    // A leading subordinate clause sets the scene; the question follows its comma: "When two people edit the same
    // page, which technique…" asks "which technique", not "when".
    .replace(LEADING_SUBORDINATE_CLAUSE, '');
  // Procedure, not identity or time: "Who can apply?", "When should I renew?" are answered by a condition ("anyone
  // over 18", "before it expires"), not by a name or a date, so they get no answer-type gate.
  const procedural = /\b(who|when)\s+(can|could|may|might|should|must|shall|needs?|has to|have to|is eligible|are eligible|do i|do you|do we|does one)\b/.test(
    q,
  );
  if (procedural) return 'other';
  // A cue that opens the question or a clause of it ("…: how many…", "For someone new, when…") decides; a cue inside
  // a clause ("…who maintains the server…") only when none opens one, in the order above.
  const opensClause = (at: number) => CLAUSE_OPENING.test(q.slice(0, at));
  let first: { type: AnswerType; at: number } | undefined;
  for (const [type, cue] of ANSWER_CUES_GLOBAL) {
    for (const match of q.matchAll(cue)) {
      if (opensClause(match.index) && (!first || match.index < first.at)) first = { type, at: match.index };
    }
  }
  if (first) return first.type;
  // A question that opens with another question word or an auxiliary ("What reply code must a server use when it
  // enters passive mode?", "Does it expire when…?") is not asked by a later cue: that cue starts a clause. Only a
  // question without one ("Tell me when…", "The year it was founded?") is typed by a cue anywhere.
  // "On Linux, which device…" opens its question after the scene it sets, as surely as "Which device…".
  const opensAsQuestion = OPENS_AS_QUESTION.test(q.replace(CLAUSE_PREPOSITIONS, '$1'));
  const anywhere = opensAsQuestion ? undefined : ANSWER_CUES.find(([, cue]) => cue.test(q));
  if (anywhere) return anywhere[0];
  if (ASKS_FOR_LIST.test(q)) return 'list';
  return 'other';
}

/** English number words: a figure written out ("thirty students", "fourteen hundred") is a figure. */
const CARDINAL_WORDS = [
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  ...['thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'],
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'],
  ...['dozen', 'hundred', 'thousand', 'million', 'billion', 'hundreds', 'thousands', 'millions', 'billions'],
];
const NUMBER_WORD_SET = new Set(CARDINAL_WORDS.filter((word) => word !== 'one'));
/** Words after a figure that share it out rather than name what it counts: "5 per shard", "3 each". */
const DISTRIBUTIVES = new Set(['per', 'each', 'every', 'apiece']);
const CARDINAL_WORD_SET = new Set(CARDINAL_WORDS);
// A date's month is capitalised: "may" and "march" in lower case are a verb.
const MONTHS = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;
// "One" is mostly a pronoun ("the one that…"), not a figure.
const NUMBER_WORDS = new RegExp(`\\b(${[...NUMBER_WORD_SET, 'half', 'third', 'quarter'].join('|')})\\b`, 'gi');
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'sir',
  'madam',
  'prof',
  'professor',
  'ambassador',
  'president',
  'minister',
  'secretary',
  'director',
  'general',
  'chairman',
  'chair',
]);

/** A number word the question lacks, then currency ("fifty cents", "two hundred dollars"): the English model takes
 * only some of these for MONEY. */
function sumInWords(sentence: string, questionWords: Set<string>): boolean {
  const tokens = words(sentence);
  return tokens.some((token, i) => {
    if (!CARDINAL_WORD_SET.has(token) || questionWords.has(token)) return false;
    let j = i + 1;
    while (CARDINAL_WORD_SET.has(tokens[j] ?? '')) j += 1;
    return CURRENCY_WORDS.has(tokens[j] ?? '');
  });
}

/** What `matchesAnswerType` needs to know of the question (a `QuestionAnalysis` has it). */
export interface AskedFor {
  text: string;
  /** The question's words (`words`). */
  words: Set<string>;
  /** What "how many" counts (`countedNouns`). */
  countedNouns: string[];
  /** The question asks for a sum of money (`asksForMoney`). */
  asksForMoney: boolean;
  /** The question asks for a version (`asksForVersion`). */
  asksForVersion: boolean;
  /** The question asks how often (`asksHowOften`). */
  asksHowOften: boolean;
  synonymsOf: SynonymsOf;
}

/**
 * Whether a sentence carries an answer of the wanted type that the question does not already contain: a year or
 * date for "when", a figure (not a year or a day of the month) for "how many", a name for "who". A sentence that
 * only repeats the question's own figures or names does not answer it.
 */
export function matchesAnswerType(type: AnswerType, sentence: string, asked: AskedFor, isCommonWord: (word: string) => boolean = () => false): boolean {
  const { text: question, words: questionWords } = asked;
  // "1,850 staff" is a count, though 1850 looks like a year once the separator is gone.
  const counts = new Set((sentence.match(/\d{1,3}(?:,\d{3})+/g) ?? []).map((number) => number.replace(/,/g, '')));
  const isYear = (word: string) => YEAR.test(word) && !counts.has(word);
  const fresh = (values: string[]) => values.some((value) => !questionWords.has(value.toLowerCase()));
  switch (type) {
    case 'date': {
      const years = words(sentence).filter(isYear);
      return fresh(years) || fresh((sentence.match(MONTHS) ?? []).map((month) => month.toLowerCase()));
    }
    case 'duration':
      // "20 hours", "90 days", "10 to 14 days", "two weeks": a span of time the question does not give.
      return (
        hasFreshEntity(sentence, ['DURATION', 'TIME'], question) ||
        [
          ...sentence.matchAll(/\b\d[\d.,]*\s*(?:(?:-|to|or)\s*\d[\d.,]*\s*)?(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/gi),
          // Written as software writes it, the unit's letter against the figure: "1m", "30s", "7d", "1h30m"; not a
          // decade, told by its shape ("1990s", "the mid-1980s", "the '80s", though "timeout: '30s'" is a span).
          ...sentence.matchAll(/\b(?!(?:1[5-9]|20)\d0s\b)(?<!['’](?=\d0s\b(?!['’])))\d+(?:\.\d+)?(?:ms|[smhd])(?:\d+(?:ms|[smh]))*\b/g),
        ].some(([span]) => !question.toLowerCase().includes(span.toLowerCase()))
      );
    case 'number': {
      // "What does it cost…", "how many dollars…": a sum of money, not any figure ("for more than 60 years").
      // A sum written in words ("fifty thousand dollars", "fifty cents") is money as surely as "$50,000".
      if (
        asked.asksForMoney &&
        !figureKinds(
          sentence,
          figuresIn(sentence).filter((figure) => !questionWords.has(figure)),
        ).has('money') &&
        !hasFreshEntity(sentence, ['MONEY'], question) &&
        !sumInWords(sentence, questionWords)
      )
        return false;
      // "Which release added…": a version number ("2.1.54", "Chrome 46", "version 2"), not any figure ("in the last
      // 31 days").
      if (asked.asksForVersion) {
        const named = new Set(versionsIn(question, isCommonWord));
        return versionsIn(sentence, isCommonWord).some((version) => !named.has(version) && !questionWords.has(version));
      }
      // "How often…": a frequency, which may be a word ("quarterly", "twice a year") as well as a figure.
      if (asked.asksHowOften && [...sentence.matchAll(FREQUENCY_WORDS)].some(([frequency]) => !question.toLowerCase().includes(frequency.toLowerCase())))
        return true;
      // Days of the month ("18 December") and years are dates, not the figure "how many" asks for.
      const withoutDates = sentence
        .replace(/\b\d{1,2}\s+(?=(january|february|march|april|may|june|july|august|september|october|november|december)\b)/gi, ' ')
        .replace(/\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b/gi, ' ');
      // "How many dollars…" counts a sum of money, which the check above found: the currency is no counted word.
      const counted = asked.asksForMoney ? asked.countedNouns.filter((noun) => !CURRENCY_WORDS.has(noun)) : asked.countedNouns;
      if (counted.length > 0) {
        // "How many cookies…": a figure of cookies, not "millions of users", one the question does not already give.
        const countsAsked = (token: string) => {
          const term = stem(token);
          return counted.some((noun) => noun === term || asked.synonymsOf(noun).includes(term));
        };
        // A figure that looks like a year is a count when the counted word follows it: "1520 samples"; so is "one"
        // ("one byte per character"), which is otherwise a pronoun ("one of them", "no one").
        const isFigure = (token: string, nextIsAsked: boolean) =>
          ((/\d/.test(token) && (!isYear(token) || nextIsAsked)) || NUMBER_WORD_SET.has(token) || (token === 'one' && nextIsAsked)) &&
          !questionWords.has(token);
        // The word right after a figure says what it counts, unless it is a function word or a distributive ("5 per
        // shard", "3 each").
        const countsOther = (next: string | undefined, nextIsAsked: boolean) =>
          next !== undefined && !isStopWord(next) && !DISTRIBUTIVES.has(next) && !/\d/.test(next) && !NUMBER_WORD_SET.has(next) && !nextIsAsked;
        // The counted word follows the figure: within four words after a function word ("thousands of first-class
        // bricks"), within three after a describing word ("8 new commands", not "2 characters need extra bytes"); or it
        // stands within three words before a figure that counts nothing else ("samples: 1520", "the number of bytes is
        // 3", not "the same bytes; the first 128 characters"). A semicolon ends the clause a figure counts in.
        const countsInClause = (tokens: string[]) => {
          // Each word is stemmed and looked up once, however many figures' windows it falls in.
          const asks = tokens.map(countsAsked);
          const within = (from: number, to: number) => asks.slice(Math.max(0, from), to).includes(true);
          return tokens.some((token, i) => {
            if (!isFigure(token, asks[i + 1] ?? false)) return false;
            const other = countsOther(tokens[i + 1], asks[i + 1] ?? false);
            return within(i + 1, i + (other ? 4 : 5)) || (!other && within(i - 3, i));
          });
        };
        return withoutDates.split(';').some((clause) => countsInClause(words(clause)));
      }
      const figures = words(withoutDates).filter((word) => /\d/.test(word) && !isYear(word));
      return fresh(figures) || fresh((withoutDates.match(NUMBER_WORDS) ?? []).map((word) => word.toLowerCase()));
    }
    case 'person': {
      // "Who" is answered by a person or a body: a run of capitalised words, at least half of them words the corpus
      // never writes in lower case (so not a title such as "International Migrants Day"), or an acronym, that the
      // question does not already name. A currency's capitals ("US$1.6 billion") are neither.
      const runs =
        afterSentenceCase(sentence)
          .replace(CURRENCY_CODE_BEFORE_SIGN, ' ')
          .match(/\b\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:of|de|van|von|da|the)\s+)?\p{Lu}[\p{L}'’.-]*)*/gu) ?? [];
      return runs.some((run) => {
        const capitalised = run.split(/\s+/).filter((word) => /^\p{Lu}/u.test(word));
        // Five capitalised words in a row are a title ("It’s Time to Take Action and Save Lives…"), not a name.
        if (capitalised.length > 4) return false;
        const plain = capitalised.map((word) => words(word)[0] ?? '').filter((word) => word && !HONORIFICS.has(word) && !MONTH_NAMES.has(word));
        if (plain.length === 0 || plain.every((word) => questionWords.has(word))) return false;
        if (capitalised.some((word) => /^\p{Lu}{2,}$/u.test(word) && !questionWords.has(word.toLowerCase()))) return true;
        return plain.filter((word) => !isCommonWord(word)).length * 2 >= plain.length;
      });
    }
    case 'place':
      // "Where…" in documentation is as often answered by an address as by a place: a web address, an e-mail
      // address or a file path ("~/.local/share/cartopy", "/dev/st0") the question does not give.
      return (
        hasFreshEntity(sentence, ['URL', 'EMAIL'], question) ||
        (sentence.match(FILE_PATH) ?? []).some((path) => !question.includes(path)) ||
        namesAPlace(sentence, questionWords, isCommonWord)
      );
    case 'placeName':
      return namesAPlace(sentence, questionWords, isCommonWord);
    case 'list':
      // Items set out: by semicolons, a colon, commas, or "A, B and C".
      return /;/.test(sentence) || (sentence.match(/,/g)?.length ?? 0) >= 2 || /:/.test(sentence) || ENUMERATION.test(sentence);
    default:
      return true;
  }
}

/** A place is a proper name: a capitalised word the corpus never writes in lower case, not in the question. Runs of
 * three or more capitalised words are titles of bodies or documents ("World Health Assembly Resolution"), not places. */
function namesAPlace(sentence: string, questionWords: Set<string>, isCommonWord: (word: string) => boolean): boolean {
  return (afterSentenceCase(sentence).match(/\b\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*/gu) ?? []).some((run) => {
    const parts = run.split(/\s+/);
    if (parts.length > 2) return false;
    return parts.some((word) => {
      const plain = words(word)[0] ?? '';
      return /^\p{Lu}\p{Ll}/u.test(word) && !questionWords.has(plain) && !MONTH_NAMES.has(plain) && !HONORIFICS.has(plain) && !isCommonWord(plain);
    });
  });
}

/** A file path: two or more separators, from the root, the home directory, a variable or a drive ("/etc/ssh/ssh_config",
 * "~/.ssh/config", "$HOME/.ssh/config", "C:\\Python31\\Lib"); not words joined by slashes ("TCP/IP/UDP",
 * "read/write/execute"), which start with a letter. */
const FILE_PATH = /(?<![\p{L}\p{N}])(?:~|\$[A-Z_]+|[A-Z]:)?[\\/][\w.~$-]+(?:[\\/][\w.~$-]+)+/gu;

/** "English, French and Spanish": items joined by a comma, the last by "and"/"or". */
const ENUMERATION = /(?<![\p{L}\p{N}'’-])\p{L}[\p{L}\p{N}'’-]*,\s+\p{L}[\p{L}\p{N}'’-]*(?:\s+[\p{L}\p{N}'’-]+)?,?\s+(?:and|or)\s+\p{L}/u;

/** A span of time a frequency counts in. */
const TIME_UNIT = '(?:second|minute|hour|day|night|week|month|quarter|year|weekday|weekend)s?';

/** A frequency in words: "daily", "quarterly", "annually", "once a week", "twice", "three times", "every other day",
 * "every week". Not "annual" alone ("the annual report") nor "once" alone ("once a member resigns"). */
const FREQUENCY_WORDS = new RegExp(
  `\\b(?:hourly|daily|nightly|weekly|fortnightly|biweekly|bimonthly|monthly|quarterly|semi-?annually|biannually|annually|yearly|twice|(?:once|twice) (?:a|an|per|every) ${TIME_UNIT}|(?:\\d+|three|four|five|six|seven|eight|nine|ten|several) times|every (?:other |few |second |\\d+ |[a-z]+ )?${TIME_UNIT}|each ${TIME_UNIT})\\b`,
  'gi',
);

/** The question asks how often something happens or is done. */
export function asksHowOften(question: string): boolean {
  return HOW_OFTEN.test(question.toLowerCase());
}

/** The question asks which version or release (of a program, a standard…): `matchesAnswerType` then wants a
 * version number, not any figure. */
export function asksForVersion(question: string): boolean {
  return VERSION_CUE.test(question.toLowerCase());
}

/** Words that number a part of a document, not a version ("Figure 3", "Section 4.2", "Table 1"). */
const PART_NAMES = /^(?:figure|fig|table|section|chapter|page|appendix|step|line|item|note|part|paragraph|article|rule|example|listing)$/i;

/**
 * The numbers a sentence gives as versions, whole: dotted ("2.1.54", "v1.11.8", "HTTP/1.1", "python3.1"), after
 * "version", "release" or "v" ("version 2", "v8"), or after a name ("Chrome 46", "OpenSSH-1.2"). A name is a
 * capitalised word that does not open the sentence and that the corpus never writes in lower case (`isCommonWord`),
 * so "After 31 days", "Figure 3" and "Use 4 threads" give none. A year after a name is taken for a date ("In 2005"),
 * which loses a few versions named by their year ("ECMAScript 2015"); a decimal ("2.5 seconds") is taken for a
 * version, which lets a near miss through rather than withholding a real one.
 */
function versionsIn(sentence: string, isCommonWord: (word: string) => boolean): string[] {
  const opening = /^\W*/.exec(sentence)![0].length;
  return [
    ...[...sentence.matchAll(/(?<![\d.])\d+(?:\.\d+)+(?!\.?\d)/g)].map((match) => match[0]),
    ...[...sentence.matchAll(/\b(?:versions?|releases?|revision|v)\s?(\d+(?:\.\d+)*)(?!\.?\d)/gi)].map((match) => match[1]!),
    ...[...sentence.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}+#]*)[-/ ](\d+(?:\.\d+)*)(?!\.?\d)/gu)]
      .filter((match) => {
        const name = match[1]!;
        return match.index !== opening && !PART_NAMES.test(name) && !isCommonWord(name.toLowerCase()) && !YEAR.test(match[2]!);
      })
      .map((match) => match[2]!),
  ];
}

/** The question asks for a sum of money: a cost, a budget, what is spent, in dollars or another currency. */
export function asksForMoney(question: string): boolean {
  return /\b(cost|costs|price|budget|budgets|spend|spends|spent|spending|finances|funding|revenue|income|dollars?|euros?|francs?|pounds sterling|money)\b|\bhow much (?:does|did|do|will|would) [^?]{0,40}\b(pay|charge|earn)\b/i.test(
    question,
  );
}

/** What "how many" counts: the first three content words after it, stemmed ("students reported for admission",
 * "students are boarders"), acronyms and figures skipped, up to a "do", "have" or a modal that opens the rest of the
 * question (`CLAUSE_AUXILIARY`): "how many bytes do Chinese characters take" counts bytes, not characters. */
export function countedNouns(question: string): string[] {
  const match = /\bhow many\s+([^?,;]+)/i.exec(question);
  if (!match) return [];
  const nouns: string[] = [];
  for (const token of match[1]!.split(/\s+/)) {
    if (/^\p{Lu}{2,}$/u.test(token)) continue;
    if (nouns.length > 0 && CLAUSE_AUXILIARY.test(token)) break;
    const word = words(token)[0];
    if (!word || isStopWord(word) || /\d/.test(word)) continue;
    nouns.push(stem(word));
    if (nouns.length === 3) break;
  }
  return nouns;
}

/** The sentence without its first word, capitalised only because it starts the sentence ("The", "Observing"), unless
 * it is an acronym ("FTP was…"): a name that opens a sentence is lost, a sentence-case word is never taken for one. */
function afterSentenceCase(sentence: string): string {
  const first = /^\s*([\p{L}'’.-]+)/u.exec(sentence);
  if (!first || /^\p{Lu}{2,}$/u.test(first[1]!)) return sentence;
  return sentence.slice(first[0].length);
}
