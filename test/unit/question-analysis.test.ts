import { describe, expect, it } from 'vitest';
import { BOUND_STATED, questionBounds, readQuestion, requiredNumbers } from '../../src/answer/extractive/analyse-question.js';
import { countedNouns, expectedAnswerType, matchesAnswerType, type AnswerType } from '../../src/answer/extractive/answer-type.js';
import { coverageNearFigures, figureForms, figureKinds } from '../../src/answer/extractive/figures.js';
import { questionEntities } from '../../src/answer/extractive/question-entities.js';
import { historyForPart, questionParts } from '../../src/answer/extractive/question-parts.js';
import { condenseQuery } from '../../src/retrieve/condense-query.js';
import { groupSynonymsOf } from '../../src/text/synonyms.js';
import { stem, terms } from '../../src/text/tokenize.js';

/** `matchesAnswerType` for a question given as text. */
const matches = (type: AnswerType, sentence: string, question: string, isCommon?: (word: string) => boolean) =>
  matchesAnswerType(type, sentence, readQuestion(question), isCommon);

// Words a corpus writes in lower case somewhere: capitalised in a sentence, they belong to a title, not a name.
const common = new Set(['international', 'migrants', 'day', 'organization', 'immigration', 'border', 'management', 'team', 'government']);
const isCommonWord = (word: string) => common.has(word);

describe('answer types', () => {
  it.each([
    ['When was IOM founded?', 'date'],
    ['How many staff does IOM have?', 'number'],
    ['Who heads IOM?', 'person'],
    ['Where is IOM headquartered?', 'place'],
    ['In which city was the Constitution concluded?', 'placeName'],
    ['What country hosts the headquarters?', 'placeName'],
    ['What are the four pillars?', 'list'],
    ['How many governments signed the Constitution when it was concluded?', 'number'],
    ["What's the current count of member governments?", 'number'],
    ['What does it cost to run the organization each year?', 'number'],
    ['What does IOM do to reduce the cost of remittances?', 'other'],
    // A cue inside a clause does not type a question that opens with another question word or an auxiliary.
    ['What message must a server send when it enters extended passive mode?', 'other'],
    // …but a reply code is a figure, whatever follows.
    ['What reply code must a server use when it enters extended passive mode?', 'number'],
    ['Does the cookie expire when the browser closes?', 'other'],
    ['Tell me when the specification was published.', 'date'],
    // A leading subordinate clause sets the scene: the question follows its comma.
    ['When two people edit the same page at once, which technique keeps one from overwriting the other?', 'other'],
    ['If the server refuses, how many retries are allowed?', 'number'],
    ['How long should a prompt wait for a response?', 'duration'],
    // "How long is…" asks for a length, not a span of time.
    ['How long is the header that precedes each block?', 'number'],
    ['For how many days is the data kept?', 'duration'],
    ['What is the maximum size of a cookie?', 'number'],
    ['Who heads IOM?', 'person'],
    ['My colleague who works in Geneva asked: how many member states does IOM have?', 'number'],
    ['For someone who is new here, when was IOM founded?', 'date'],
    ['Who was the Secretary-General of the United Nations when IOM was born?', 'person'],
    ['In what year did the organization take the name it has now?', 'date'],
    // Procedure, not identity or time: a condition answers these, not a name or a date.
    ['Who can apply for the programme?', 'other'],
    ['When should I renew my permit?', 'other'],
    // A version is named by its number; a measure asked with "how hot", "how far" is a figure.
    ['Since which Python version can format() fields be left unnumbered?', 'number'],
    ['What version of the library does the plugin require?', 'number'],
    ['What does version 2.0 change compared with version 1.1?', 'other'],
    ['How far from the coast was the well drilled?', 'number'],
    ['How hot must the kiln get before the glaze melts?', 'number'],
    ['From what interval is a card considered mature?', 'duration'],
    // A list is asked for by "list…", "what are the…", "which… are…" or a count in the question's own wh-phrase…
    ['Which three new commands did the extension add?', 'list'],
    ["What are IOM's four broad areas of migration management?", 'list'],
    ['List the supported compression formats.', 'list'],
    // …not by a count or the word "list" elsewhere in it.
    ['What if two people share one computer, each with their own profile?', 'other'],
    ['When I import a module, which list of folders does Python search through?', 'other'],
    ['List of mirrors for the download?', 'other'],
    ['Name of the default branch?', 'other'],
    ['Which two-factor method is the safest?', 'other'],
    ['Name three ports the server listens on.', 'list'],
    ['In a Jupyter notebook, what does entering two underscores return?', 'other'],
    // A preposition may stand before the question word of a clause; a scene set before it is no cue.
    ['Below what size does the tool leave a file unsplit when chunking it?', 'number'],
    ["When backing up a program's output, under which file name is it saved?", 'other'],
    ['On Linux, which device does the archiver write to when no file is given?', 'other'],
    // A question asked after statements of its own is typed by the sentence that asks, not by the scene's "when".
    ['The page freezes when I open it on my laptop. What is usually behind that?', 'other'],
    ['In what year did Booker T. Washington die?', 'date'],
    ['When did Mrs. Smith retire?', 'date'],
    ['The app crashes on start with an error about the Qt DLL. What usually causes that?', 'other'],
    ['Am I responsible for how big the text gets when users zoom?', 'other'],
  ])('%s wants a %s', (question, type) => {
    expect(expectedAnswerType(question)).toBe(type);
  });

  it('a duration is a span of time the question does not give, not any figure', () => {
    const question = 'How long may a session last?';
    expect(matches('duration', '20 hours was chosen as an upper limit because it is longer than a full waking day.', question)).toBe(true);
    expect(matches('duration', 'A session ends after 90 days without activity.', question)).toBe(true);
    expect(matches('duration', 'The name may hold up to 20 characters.', question)).toBe(false);
    expect(matches('duration', 'Sessions last 20 hours.', 'Do sessions last 20 hours?')).toBe(false);
    // As software writes a span: the unit's letter against the figure.
    expect(matches('duration', 'The timeout for opening the repository defaults to 1m.', question)).toBe(true);
    expect(matches('duration', 'Locks older than 1h30m are removed.', question)).toBe(true);
    expect(matches('duration', 'The limit is 1MB.', question)).toBe(false);
    // A decade is no span.
    expect(matches('duration', 'Sessions grew longer in the 1990s.', question)).toBe(false);
    expect(matches('duration', "Sessions grew longer in the '90s.", question)).toBe(false);
    expect(matches('duration', 'Snapshots older than 7d are forgotten.', question)).toBe(true);
    expect(matches('duration', 'In the mid-1980s sessions grew longer.', question)).toBe(false);
    // A span after "the" or in quotes is still a span.
    expect(matches('duration', 'The client waits for the 30s timeout.', question)).toBe(true);
    expect(matches('duration', "Set timeout: '30s' in the file.", question)).toBe(true);
  });

  it('a "who" answer is a name the question lacks, not a title-cased event', () => {
    const sentence = 'Observing International Migrants Day on 18 December 2013, the Director General, William Lacy Swing noted a record.';
    expect(matches('person', sentence, 'Who was Director General before William Lacy Swing?', isCommonWord)).toBe(false);
    expect(matches('person', sentence, 'Who is the Director General?', isCommonWord)).toBe(true);
    // A body counts as well: an acronym, or a name mostly of words never written in lower case.
    expect(matches('person', 'It was organized by WHO, IOM and the Government of Spain.', 'Who organized it?', isCommonWord)).toBe(true);
    // Capitals before a dollar sign are a currency, not a body.
    expect(matches('person', 'Budget: US$1.675 billion (2013)', 'Who leads the agency?', isCommonWord)).toBe(false);
    expect(matches('person', 'The grant of NZ$40,000 came from the Ministry of Health.', 'Who paid for it?', isCommonWord)).toBe(true);
  });

  it('a place name is a proper noun, not a capitalised common word', () => {
    const question = 'Where is IOM headquartered?';
    expect(matches('placeName', 'Headquarters Geneva, Switzerland', question, isCommonWord)).toBe(true);
    expect(matches('placeName', 'The Immigration and Border Management Team was posted to IOM headquarters.', question, isCommonWord)).toBe(false);
  });

  it('"where" is answered by an address as well as a place: a web or e-mail address, a file path', () => {
    const question = 'Where are the downloaded shapefiles kept?';
    expect(matches('place', 'Once downloaded, they live in your ~/.local/share/cartopy directory.', question)).toBe(true);
    expect(matches('place', 'Please send bug reports to https://bugzilla.example.org or the mailing list.', question)).toBe(true);
    expect(matches('place', 'Write to maintainers@example.org with the details.', question)).toBe(true);
    expect(matches('place', 'Archives are read from /dev/st0 unless -f is given.', question)).toBe(true);
    // Slashes between words are no path, and a path the question names answers nothing.
    expect(matches('place', 'They are kept on disk over TCP/IP/UDP with read/write/execute rights.', question)).toBe(false);
    expect(matches('place', 'The files in /var/cache/maps are removed.', 'Where are the files in /var/cache/maps kept?')).toBe(false);
    // "Which city…" still wants a place's name.
    expect(matches('placeName', 'Once downloaded, they live in your ~/.local/share/cartopy directory.', 'Which city hosts it?')).toBe(false);
  });

  it('a list answer sets out items, "A, B and C" included', () => {
    const question = 'Which three languages does IOM use officially?';
    expect(matches('list', 'Official language\nEnglish, French and Spanish', question, isCommonWord)).toBe(true);
    expect(matches('list', 'It was initially established in 1951 to help resettle people.', question, isCommonWord)).toBe(false);
    // An opening year and a pair are not a list of items.
    expect(matches('list', 'In 1951, IOM and UNHCR were set up.', question, isCommonWord)).toBe(false);
  });

  // How the time grows with the sentence is measured by `npm run bench:hostile`, not here.
  it('does not take one long run of letters for an enumeration', () => {
    expect(matches('list', 'a'.repeat(50_000), 'Which three languages?', isCommonWord)).toBe(false);
  });

  it('a question about money is answered by a sum of money, not any figure', () => {
    const question = 'What does it cost to run the organization each year?';
    expect(matches('number', 'For more than 60 years, it has helped refugees.', question, isCommonWord)).toBe(false);
    expect(matches('number', 'It has an annual operating budget of $1.3 billion.', question, isCommonWord)).toBe(true);
    expect(matches('number', 'Budget\nUS$1.675 billon (2013)', 'How many dollars does it spend?', isCommonWord)).toBe(true);
    // "How many dollars" is met by a sum of money, with no word "dollars" beside it.
    expect(matches('number', 'It receives US$5 million a year.', 'How many dollars does the agency receive?', isCommonWord)).toBe(true);
  });

  it('a sum written in words is money', () => {
    const question = 'How much money did the pupil have left on arrival?';
    expect(matches('number', 'He arrived with a surplus of exactly fifty cents.', question)).toBe(true);
    expect(matches('number', 'A bureau offered him two hundred dollars a night.', question)).toBe(true);
    expect(matches('number', 'He arrived after fifty miles on foot.', question)).toBe(false);
  });

  it('a question about a version or release is answered by a version number, not any figure', () => {
    const question = 'In which release was the --keep option added?';
    expect(expectedAnswerType(question)).toBe('number');
    expect(matches('number', 'Kept files are listed in the last 31 days of logs.', question)).toBe(false);
    expect(matches('number', 'The --keep option was added in release 1.4.2.', question)).toBe(true);
    expect(matches('number', 'Initial support comes in Chrome 46 or later.', 'From which Chrome version on is it supported?')).toBe(true);
    expect(matches('number', 'As of HTTP/1.1, connections stay open.', 'Since which version do connections stay open?')).toBe(true);
    // A version the question already names is not an answer; a year after a name is a date, not a version.
    expect(matches('number', 'Version 2.0 changes the layout.', 'Which release came after version 2.0?')).toBe(false);
    expect(matches('number', 'In 2005 the layout changed.', 'Which release changed the layout?')).toBe(false);
    // A version at the end of a sentence is a version; a number after the sentence's first word, a part of the
    // document or a word the corpus writes in lower case is not.
    expect(matches('number', 'The option was added in Chrome 46.', question)).toBe(true);
    expect(matches('number', 'After 31 days the option is kept.', question)).toBe(false);
    expect(matches('number', 'The option is shown in Figure 3.', question)).toBe(false);
    // A version the question names in full is not new, whichever way it is split into words.
    expect(matches('number', 'Release v2.0.1 is deprecated.', 'Which release replaced v2.0.1?')).toBe(false);
    // "Released" is not a cue, and neither is the first half of a compound.
    expect(expectedAnswerType('Under which licence is the library released?')).not.toBe('number');
    expect(expectedAnswerType('Which version control system does the project use?')).not.toBe('number');
    expect(expectedAnswerType('What release notes come with the update?')).not.toBe('number');
  });

  it('a question asking how often is answered by a frequency, in words or in figures', () => {
    const question = 'How often does the steering committee meet?';
    expect(matches('number', 'The committee meets at least quarterly.', question)).toBe(true);
    expect(matches('number', 'The committee meets every week.', question)).toBe(true);
    expect(matches('number', 'Backups are made every 15 minutes.', question)).toBe(true);
    expect(matches('number', 'The committee meets twice a year.', question)).toBe(true);
    expect(matches('number', 'The committee sets the agenda for the group.', question)).toBe(false);
    // "Once" opening a clause and "annual" before a noun are no frequency.
    expect(matches('number', 'Once a member resigns, the committee drafts the annual report.', question)).toBe(false);
    // A frequency the question already gives is no answer to it.
    expect(matches('number', 'Monthly reports go to the committee.', 'How often are the monthly reports reviewed?')).toBe(false);
  });

  it('a question about a status, reply or exit code is answered by a figure', () => {
    const question = 'Which status code does the server send when the range cannot be satisfied?';
    expect(expectedAnswerType(question)).toBe('number');
    expect(expectedAnswerType('What exit status does the tool return on a failed check?')).toBe('number');
    expect(matches('number', 'The server then sends a status code that says the range is not satisfiable.', question)).toBe(false);
    expect(matches('number', 'The server replies with 416 Range Not Satisfiable.', question)).toBe(true);
    // "What does the status code mean?" asks for a meaning, not a code; a clause between the question word and the
    // code asks for something else.
    expect(expectedAnswerType('What does the status code mean?')).not.toBe('number');
    expect(expectedAnswerType('What can a return code of 2 mean?')).not.toBe('number');
    expect(expectedAnswerType('Which header accompanies status code 416?')).not.toBe('number');
  });

  it('years and decades in the question must be matched by the answer', () => {
    expect(requiredNumbers('How many migrants moved during the 1960s, and in 2014?')).toEqual(['1960s', '2014']);
    // A decade is named by any of its years.
    expect(figureForms('1980s')).toContain('1985');
    expect(figureForms('1980s')).not.toContain('1990');
    expect(figureForms('2014')).toEqual(['2014']);
  });
});

describe('names in a question', () => {
  it.each([
    ['In what year was the World Trade Organization established?', ['World Trade Organization']],
    ['How many IOM offices are located in Africa?', ['IOM', 'Africa']],
    ['Who founded the United Nations High Commissioner for Refugees?', ['United Nations High Commissioner for Refugees']],
    ["What is IOM's budget?", ['IOM']],
    ['Apart from WHO, which government co-hosted it?', ['WHO']],
    ['What is the budget?', []],
  ])('%s → %j', (question, entities) => {
    expect(questionEntities(question)).toEqual(entities);
  });
});

describe('what a figure counts', () => {
  it('tells member states from observers, dollars from people', () => {
    expect(figureKinds('As of June 2014, IOM has 156 member states and 10 observer states.', ['156'])).toEqual(new Set([stem('member')]));
    expect(figureKinds('As of June 2014, IOM has 156 member states and 10 observer states.', ['10'])).toEqual(new Set([stem('observer')]));
    expect(figureKinds('Budget US$1.675 billon (2013)', ['1.675'])).toEqual(new Set(['money']));
    expect(figureKinds('an annual operating budget of $1.3 billion and some 8,400 staff', ['1.3'])).toEqual(new Set(['money']));
    expect(figureKinds('people smuggling, which is now a US35-billion dollar a year business', ['us35'])).toEqual(new Set(['money']));
    expect(figureKinds('As many as 800,000 people may be trafficked', ['800000'])).toEqual(new Set([stem('people')]));
    // A labelled field: the label says what the figure counts.
    expect(figureKinds('Staff\n8,400', ['8400'])).toEqual(new Set([stem('staff')]));
  });
});

describe('the question near the figure', () => {
  const sentence =
    'As many as 800,000 people may be trafficked across international borders annually, with many more trafficked within the borders of their own countries.';
  const asked = (question: string) => terms(question).map((term) => ({ term, mass: 1 }));
  it("is the figure's own clause, not the rest of the sentence", () => {
    const across = coverageNearFigures(sentence, asked('How many people are trafficked across international borders?'), new Set(), 0.7, groupSynonymsOf);
    const within = coverageNearFigures(sentence, asked('How many people are trafficked within their own countries?'), new Set(), 0.7, groupSynonymsOf);
    expect(across).toBe(1);
    expect(within).toBeLessThan(0.6);
  });
  it('is nothing without a figure the question does not give', () => {
    expect(coverageNearFigures('IOM works with governments.', asked('How many governments does IOM work with?'), new Set(), 0.7, groupSynonymsOf)).toBe(0);
  });
});

describe('two-part questions', () => {
  it.each([
    ['When was IOM founded, and where is its head office?', ['When was IOM founded', 'where is its head office?']],
    ['What was IOM called in 1952? And what name did it take in 1980?', ['What was IOM called in 1952', 'And what name did it take in 1980?']],
    ['When was IOM founded, and where is its headquarters?', ['When was IOM founded', 'where is its headquarters?']],
    ['Where and when was the IOM Constitution concluded?', ['Where and when was the IOM Constitution concluded?']],
    ['What are migration and development?', ['What are migration and development?']],
  ])('%s → %j', (question, parts) => {
    expect(questionParts(question)).toEqual(parts);
  });

  it.each([
    // A modal or "have" opens a second question when a subject follows it…
    ['Can a deck be shared between profiles, and should I back it up first?', ['Can a deck be shared between profiles', 'should I back it up first?']],
    ['Is the header sent on every request, and may servers ignore it?', ['Is the header sent on every request', 'may servers ignore it?']],
    // …not when it only adds a second verb to the same subject.
    ['Which files are kept after a sync and must be signed?', ['Which files are kept after a sync and must be signed?']],
    // A question word after a preposition.
    ['What does the form collect, and for how long is that data kept?', ['What does the form collect', 'for how long is that data kept?']],
    // "respectively": the question asked of each conjunct.
    [
      'Which timeouts apply to idle sessions and to active sessions, respectively?',
      ['Which timeouts apply to idle sessions?', 'Which timeouts apply to active sessions?'],
    ],
    ['What are the default ports of HTTP and HTTPS respectively?', ['What are the default ports of HTTP?', 'What are the default ports of HTTPS?']],
    // A second clause of the first question is asked with the first question's words.
    [
      'What does the client show when it loses the connection and when it reconnects?',
      ['What does the client show when it loses the connection', 'What does the client show when it reconnects?'],
    ],
    // …but a "when" with its own auxiliary is a question of its own.
    [
      'What does the client show when it loses the connection, and when was that added?',
      ['What does the client show when it loses the connection', 'when was that added?'],
    ],
    // A second "how many" or "which one" borrows what the first one asks about.
    [
      'How many retries does the client make, and how many does the server allow?',
      ['How many retries does the client make', 'how many retries does the server allow?'],
    ],
    [
      'Which encoding did the first draft use, and which one does the final text require?',
      ['Which encoding did the first draft use', 'which encoding does the final text require?'],
    ],
  ])('%s → %j', (question, parts) => {
    expect(questionParts(question)).toEqual(parts);
  });

  it('a later part that points back is retrieved with the part before it, as a follow-up is with the turn before', () => {
    const history = [
      { role: 'user' as const, content: 'What is the release schedule?' },
      { role: 'assistant' as const, content: 'Releases come out every six weeks.' },
    ];
    const parts = questionParts('Who wrote the scheduler module, and who maintains it today?');
    expect(parts).toHaveLength(2);
    expect(historyForPart(history, parts, 0)).toEqual(history);
    const second = condenseQuery(parts[1]!, historyForPart(history, parts, 1));
    expect(second.followUp).toBe(true);
    expect(second.lexicalParts.map((part) => part.text)).toContain(parts[0]);
    expect(second.denseText).toContain('scheduler module');
  });

  it('"how many" asks for a figure of the thing it counts', () => {
    expect(countedNouns('How many governments are member states of IOM?')).toEqual(['governments', 'member', 'states'].map(stem));
    const question = 'How many offices does IOM have?';
    expect(matches('number', 'IOM has a global network of more than 440 offices.', question)).toBe(true);
    expect(matches('number', 'Millions of migrants now use social media to locate jobs.', question)).toBe(false);
  });

  it('"how many" counts the words before the clause its "do" or modal opens, not those after it', () => {
    expect(countedNouns('How many bytes do Chinese characters take in UTF-8?')).toEqual(['bytes'].map(stem));
    expect(countedNouns('How many retries can the client make?')).toEqual(['retries'].map(stem));
    expect(countedNouns('How many members has the board appointed?')).toEqual(['members'].map(stem));
  });

  // A figure counts the word after it: "128" counts characters, though "bytes" stands three words before it, and "2"
  // counts characters, though "bytes" follows. The counted word may stand before a figure that counts nothing else
  // ("per" shares a figure out); "one" is a figure before the counted word; "of" and a compound may stand between a
  // figure and what it counts; a semicolon ends the clause a figure counts in.
  it.each([
    ['It uses the same bytes; the first 128 characters are indistinguishable from ASCII.', false],
    ['Chinese characters like 中 end up taking three bytes.', true],
    ['Bytes per character: 3.', true],
    ['The number of bytes is 3 for these characters.', true],
    ['The calculation assumes one byte per character.', true],
    ['One of the bytes is reserved.', false],
    ['The encoder wrote twelve hundred thousand of fixed-width bytes.', true],
    ['Only 2 characters need extra bytes.', false],
    ['Bytes: 4 per character.', true],
    ['Up to 300 can be stored; bytes are padded at the end.', false],
  ])('"%s" gives a count of bytes: %s', (sentence, counts) => {
    expect(matches('number', sentence, 'How many bytes do Chinese characters take in UTF-8?')).toBe(counts);
  });
});

describe('a question with a trailing note is one question', () => {
  it('does not treat "(ref 12)" after the question as a second part', () => {
    expect(questionParts('When was IOM founded? (ref-12)')).toEqual(['When was IOM founded? (ref-12)']);
  });
});

describe('figures and names in awkward places', () => {
  it('a count with a thousands separator is a count, not a year', () => {
    expect(matches('number', 'The agency has 1,850 staff.', 'How many staff does the agency have?')).toBe(true);
    expect(matches('date', 'The agency has 1,850 staff.', 'When was the agency founded?')).toBe(false);
    // A figure shaped like a year counts what follows it: "1520 samples", not the year 1520.
    expect(matches('number', 'She has 1520 samples to run through the machine.', 'How many samples does she have?')).toBe(true);
    expect(matches('number', 'In 1999 her samples were lost.', 'How many samples does she have?')).toBe(false);
  });

  it('"may" the verb is not a month', () => {
    expect(matches('date', 'As many as 800,000 people may be trafficked.', 'When did it start?')).toBe(false);
    expect(matches('date', 'It started in May.', 'When did it start?')).toBe(true);
  });

  it('the acronym that opens a sentence is not a fresh name for a question about it', () => {
    expect(matches('person', 'IOM was founded in 1951.', 'Who founded IOM?', isCommonWord)).toBe(false);
    expect(matches('person', 'IOM was founded by Harold Tittmann in 1951.', 'Who founded IOM?', isCommonWord)).toBe(true);
  });

  it('a currency sign makes a figure money', () => {
    expect(figureKinds('The grant was €2 million.', ['2'])).toEqual(new Set(['money']));
    // "5" is not the end of "2015".
    expect(figureKinds('In 2015 it had 42 member towns.', ['5'])).toEqual(new Set());
  });
});

describe('the question-level model', () => {
  it('reads as many features as it has weights, in the order it names them', async () => {
    const { ANSWERABLE_MODEL, SENTENCE_MODEL } = await import('../../src/answer/sentence-model.js');
    const { answerableFeatures } = await import('../../src/answer/extractive/select-sentences.js');
    const features = SENTENCE_MODEL.features.map((_, i) => i / 100);
    const named = Object.fromEntries(SENTENCE_MODEL.features.map((name, i) => [name, features[i]]));
    const lead = { features: named, score: 0.5 } as unknown as Parameters<typeof answerableFeatures>[0];
    const read = answerableFeatures(lead, [lead]);
    expect(read).toHaveLength(ANSWERABLE_MODEL.features.length);
    expect(ANSWERABLE_MODEL.weights).toHaveLength(ANSWERABLE_MODEL.features.length);
    // Every feature the model names (beyond its bias and the lead's score) is the sentence feature of that name.
    ANSWERABLE_MODEL.features.forEach((name, i) => {
      if (name === 'bias') expect(read[i]).toBe(1);
      else if (name === 'leadScore') expect(read[i]).toBe(0.5);
      // With no other sentence scored, the lead stands its whole score above the rest.
      else if (name === 'leadMargin') expect(read[i]).toBe(0.5);
      // With only the lead, the nearest passage is its own.
      else if (name === 'nearestPassage') expect(read[i]).toBe(named.passageDense);
      else expect(read[i]).toBe(features[SENTENCE_MODEL.features.indexOf(name as (typeof SENTENCE_MODEL.features)[number])]);
    });
  });
});

describe('the lead margin', () => {
  it('is how far the lead scores above the best other sentence, wherever that one ranks', async () => {
    const { answerableFeatures } = await import('../../src/answer/extractive/select-sentences.js');
    type Scored = Parameters<typeof answerableFeatures>[0];
    const sentence = (score: number) => ({ features: {}, score }) as unknown as Scored;
    const [best, lead, third] = [sentence(0.9), sentence(0.6), sentence(0.2)];
    // The best-scored sentence failed a gate, so the lead is the second.
    expect(answerableFeatures(lead, [best, lead, third], ['leadMargin'])[0]).toBeCloseTo(-0.3);
    expect(answerableFeatures(best, [best, lead, third], ['leadMargin'])[0]).toBeCloseTo(0.3);
  });
});

describe('the nearest passage', () => {
  it('is the highest passage cosine among the scored sentences, whichever of them leads', async () => {
    const { answerableFeatures } = await import('../../src/answer/extractive/select-sentences.js');
    type Scored = Parameters<typeof answerableFeatures>[0];
    const sentence = (score: number, passageDense: number) => ({ features: { passageDense }, score }) as unknown as Scored;
    const [best, lead, third] = [sentence(0.9, 0.4), sentence(0.6, 0.3), sentence(0.2, 0.7)];
    expect(answerableFeatures(lead, [best, lead, third], ['nearestPassage'])[0]).toBeCloseTo(0.7);
    expect(answerableFeatures(lead, [lead], ['nearestPassage'])[0]).toBeCloseTo(0.3);
  });
});

describe('the models are checked against the scorer by feature name', () => {
  it('accepts the committed models and refuses one naming a feature the scorer does not produce, or lacking one', async () => {
    const { FITTED_MODELS } = await import('../../src/answer/sentence-model.js');
    const { checkModelFeatures } = await import('../../src/answer/extractive/sentence-features.js');
    expect(() => checkModelFeatures(FITTED_MODELS)).not.toThrow();
    const withSentenceFeatures = (features: string[]) => ({
      ...FITTED_MODELS,
      sentence: { ...FITTED_MODELS.sentence, features, weights: features.map(() => 0) },
    });
    expect(() => checkModelFeatures(withSentenceFeatures([...FITTED_MODELS.sentence.features, 'shoeSize']))).toThrow(/shoeSize/);
    expect(() => checkModelFeatures(withSentenceFeatures(FITTED_MODELS.sentence.features.filter((name) => name !== 'novelty')))).toThrow(/novelty/);
    expect(() =>
      checkModelFeatures({ ...FITTED_MODELS, answerable: { ...FITTED_MODELS.answerable, features: ['bias', 'shoeSize'], weights: [0, 0] } }),
    ).toThrow(/shoeSize/);
  });
});

describe('questions in capitals', () => {
  it('a question in title case or capitals names nothing it can be caught out on', () => {
    expect(questionEntities('Who Is The Director General Of IOM?')).toEqual([]);
    expect(questionEntities('WHERE IS THE HEADQUARTERS OF THE AGENCY?')).toEqual([]);
  });
});

describe('bounds a question asks for', () => {
  it.each([
    ['What is the default idle timeout of a session?', ['default']],
    ['What is the maximum number of characters in a name?', ['maximum']],
    ['How small may a target be at least?', ['minimum']],
    ['What effect have the two biggest networks had?', []],
    ['How long does a session last?', []],
  ])('%s asks for %j', (question, bounds) => {
    expect(questionBounds(question)).toEqual(bounds);
  });

  it('are stated by a passage in general English, and not by one that only gives a value', () => {
    expect(BOUND_STATED.default.test('Unless the server sends a Keep-Alive header, the connection closes after 5 seconds.')).toBe(true);
    expect(BOUND_STATED.default.test('The server may send a Keep-Alive header with a timeout.')).toBe(false);
    expect(BOUND_STATED.maximum.test('A name may hold up to 39 characters.')).toBe(true);
    expect(BOUND_STATED.minimum.test('Targets must be at least 24 by 24 CSS pixels.')).toBe(true);
    expect(BOUND_STATED.minimum.test('Targets are 24 by 24 CSS pixels.')).toBe(false);
    expect(BOUND_STATED.minimum.test('The installer needs macOS 10.13 or later.')).toBe(true);
    expect(BOUND_STATED.maximum.test('Names of 64 characters or fewer are accepted.')).toBe(true);
  });
});

describe('figures written out', () => {
  it('are figures for "how many" ("thirty students"), with the counted word beside them', () => {
    const question = 'How many students reported on the first morning?';
    const asked = readQuestion(question);
    expect(matchesAnswerType('number', 'On the morning that the school opened, thirty students reported for admission.', asked)).toBe(true);
    expect(matchesAnswerType('number', 'Some fourteen hundred students were enrolled by then.', asked)).toBe(true);
    expect(matchesAnswerType('number', 'The students reported to the one teacher on duty.', asked)).toBe(false);
  });
});
