import { describe, expect, it, test } from 'vitest';
import { isStopWord, namedIdentifiers, stem, terms, wholeTerms, words } from '../../src/text/tokenize.js';

describe('words', () => {
  it.each([
    ['8,400', ['8400']],
    ['some 8,400 staff', ['some', '8400', 'staff']],
    ['800,000 people', ['800000', 'people']],
    ['1,000,000', ['1000000']],
    ['US$1.675 billion', ['us', '1.675', 'billion']],
    ['Organización Internacional', ['organizacion', 'internacional']],
    ['Café', ['cafe']],
    ['IOM-OIM', ['iom', 'oim']],
    ['in 1951, 1953 and 1989', ['in', '1951', '1953', 'and', '1989']],
    ['2004/2005', ['2004', '2005']],
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('keeps a comma between separate numbers (only thousands groups are joined)', () => {
    expect(words('1951,52')).toEqual(['1951', '52']);
  });

  // Regression: thousands separators were once stripped in two passes, splitting "1,000,000,000" in two.
  test('four digit groups ("1,000,000,000") become one number', () => {
    expect(words('1,000,000,000')).toEqual(['1000000000']);
  });
});

describe('stem', () => {
  it.each([
    ['migrants', 'migrant'],
    ['countries', 'country'],
    ['addresses', 'address'],
    ['renamed', 'rename'],
    ['trafficking', 'trafficked'],
    ['states', 'state'],
    ['programmes', 'programme'],
    ['offices', 'office'],
    ['organized', 'organizing'],
    ['resettled', 'resettle'],
    ['compression', 'compressed'],
    ['negotiation', 'negotiate'],
  ])('"%s" and "%s" share a stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each(['status', 'class', 'gas', '1950s', 'http2'])('leaves "%s" as written', (word) => {
    expect(stem(word)).toBe(word);
  });
});

describe('terms', () => {
  it('drops stop words and stems the rest', () => {
    expect(terms('When was the organization founded?')).toEqual([stem('organization'), stem('founded')]);
    expect(terms('The migrants were renamed in countries')).toEqual([stem('migrant'), stem('rename'), stem('country')]);
  });

  it('returns nothing for a question made only of stop words', () => {
    expect(terms('What is it, and who are they?')).toEqual([]);
  });

  it.each([
    ['migrants', 'migrant'],
    ['Countries', 'country'],
    ['employees', 'employee'],
    ['States', 'state'],
    ['8,400', '8400'],
    ['RENAMED', 'rename'],
    ['Organización', 'organizacion'],
  ])('"%s" and "%s" produce the same term, so either form of a question matches the text', (a, b) => {
    expect(terms(a)).toEqual(terms(b));
    expect(terms(a)).toHaveLength(1);
  });

  it.each([
    ['the X-Forwarded-For header', 'x-forwarded-for'],
    ['set auth_basic_user_file', 'auth_basic_user_file'],
    ['the hnsw.ef_search setting', 'hnsw.ef_search'],
    ['over HTTP/2', 'http/2'],
    ['the --max-time flag', 'max-time'],
  ])('an identifier in "%s" is a term whole (%s) and in its parts', (text, whole) => {
    const found = terms(text);
    expect(found).toContain(whole);
    for (const part of whole.split(/[-_./]/).filter((part) => part.length > 2 && !isStopWord(part))) expect(found).toContain(stem(part));
  });

  it('a camel-case name is a term whole and in its words', () => {
    expect(terms('RedirectMatch')).toEqual(expect.arrayContaining(['redirectmatch', stem('redirect'), stem('match')]));
  });

  it('numbers with separators and a word ending a sentence are not identifiers', () => {
    expect(terms('2004/2005 and 1.5 cookies.')).toEqual(['2004', '2005', '1.5', stem('cookies')]);
  });

  it('names and codes are read whole, English compounds and abbreviations are not', () => {
    expect(namedIdentifiers('Does Alt-Svc or re.VERBOSE matter for UTF-8, script.sh and HTTP/2?')).toEqual([
      'alt-svc',
      're.verbose',
      'utf-8',
      'script.sh',
      'http/2',
    ]);
    expect(namedIdentifiers('A self-hosted, Dropbox-style folder in the U.S., e.g. on 2004/2005 data')).toEqual([]);
  });

  it('a camel-case name is read whole, as the index holds it', () => {
    const [name] = namedIdentifiers('What does the includeSubDomains directive do?');
    expect(name).toBe(stem('includesubdomains'));
    expect(terms('Strict-Transport-Security: max-age=1; includeSubDomains')).toContain(name);
    expect(namedIdentifiers('Which Directive matters?')).toEqual([]);
  });

  it('a short option is a term whole with its case, so "-B" is told from "-b" and from the letter alone', () => {
    expect(terms('Block output with -B, or (-z) and -O.')).toEqual(expect.arrayContaining(['-B', '-z', '-O']));
    expect(terms('the -b option')).toContain('-b');
    expect(terms('the -b option')).not.toContain('-B');
    // A hyphen inside a word, a dash between words and a negative number are no options.
    for (const text of ['e-mail and A-B', 'one - a dash', 'x -1', '--keep']) expect(terms(text).some((term) => term.startsWith('-'))).toBe(false);
  });

  it('what a corpus must know whole: names, codes and short options, not the words they are made of', () => {
    expect(wholeTerms('Does Alt-Svc change with -B or with a -b flag?')).toEqual(['alt-svc', '-B', '-b']);
    expect(wholeTerms('Is the b option a self-hosted one?')).toEqual([]);
  });

  it('reads an option typeset with a minus sign or a typographic hyphen (as PDFs and typeset manuals write it) as the one typed', () => {
    for (const dash of ['\u2212', '\u2010', '\u2011']) expect(terms(`run it with ${dash}v to see more`)).toContain('-v');
    expect(terms('x \u22121')).not.toContain('-1');
  });

  it('keeps content words, including numbers', () => {
    expect(terms('IOM has some 8,400 staff')).toEqual(['iom', '8400', 'staff']);
  });

  it('isStopWord agrees with terms()', () => {
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('migration')).toBe(false);
  });
});
