import { describe, expect, it, test } from 'vitest';
import { parseWikipediaText } from '../../src/corpus/parse-wikipedia-text.js';
import { splitSentences, stripFootnotes } from '../../src/text/sentences.js';
import { readRealArticle, REAL_ARTICLE_FILE } from '../helpers/corpus-files.js';

const sentencesOf = (text: string) => splitSentences(text).map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it.each([
    [
      'a footnote marker stays with the sentence it ends',
      'It has 155 member states.[2] It was founded in 1951.',
      ['It has 155 member states.[2]', 'It was founded in 1951.'],
    ],
    ['several footnote markers stay together', 'A claim.[3][14] Next one.', ['A claim.[3][14]', 'Next one.']],
    ['a footnote glued to the next sentence', 'It ended.[2]Then it began.', ['It ended.[2]', 'Then it began.']],
    [
      'a stop glued to the next sentence',
      'many more trafficked within the borders of their own countries.IOM operates from the outset.',
      ['many more trafficked within the borders of their own countries.', 'IOM operates from the outset.'],
    ],
    [
      'a title abbreviation does not end a sentence',
      'Mr. Swing warned the doors. IOM has observed a link.',
      ['Mr. Swing warned the doors.', 'IOM has observed a link.'],
    ],
    ['"Dr." does not end a sentence', 'Dr. Ingrid Berg directs it. She started in 2015.', ['Dr. Ingrid Berg directs it.', 'She started in 2015.']],
    ['country abbreviations do not end a sentence', 'The U.S. and the U.K. agreed. Then more.', ['The U.S. and the U.K. agreed.', 'Then more.']],
    ['"e.g." does not end a sentence', 'Some crops, e.g. kale, grow fast. Others do not.', ['Some crops, e.g. kale, grow fast.', 'Others do not.']],
    ['a decimal after a currency sign', 'A budget of US$1.675 billion in 2013. Staff grew.', ['A budget of US$1.675 billion in 2013.', 'Staff grew.']],
    [
      'a decimal inside a sentence',
      'An annual operating budget of $1.3 billion and some 8,400 staff. More follows.',
      ['An annual operating budget of $1.3 billion and some 8,400 staff.', 'More follows.'],
    ],
    ['question and exclamation marks', 'Is it open? Yes! It is.', ['Is it open?', 'Yes!', 'It is.']],
    ['a closing quote stays with its sentence', 'He said "stop." Then he left.', ['He said "stop."', 'Then he left.']],
    [
      'a curly closing quote stays with its sentence',
      '“We will never know,” stated Swing. “However, figures show it.” More.',
      ['“We will never know,” stated Swing.', '“However, figures show it.”', 'More.'],
    ],
    [
      'a lower-case word after a stop continues the sentence',
      'The total was approx. ten thousand. Then it grew.',
      ['The total was approx. ten thousand.', 'Then it grew.'],
    ],
    ['a line break inside a paragraph stays inside the sentence', 'A first line\ncontinues here. Second.', ['A first line\ncontinues here.', 'Second.']],
    ['text without a final stop is one sentence', 'Member States:[18]', ['Member States:[18]']],
    ['surrounding whitespace is trimmed', '   One.   Two.  \n', ['One.', 'Two.']],
    ['empty and blank text have no sentences', '  \n ', []],
  ])('%s', (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  // Regression: "www.IOM" once passed the glued-sentence test and a URL was cut in two.
  test('a web address with capitals is not split ("www.IOM.int")', () => {
    expect(sentencesOf('Visit www.IOM.int for details. Then go.')).toEqual(['Visit www.IOM.int for details.', 'Then go.']);
  });

  it('only splits inside [start, end) and returns document offsets', () => {
    const text = 'Preamble. First inside. Second inside. After the range.';
    const start = text.indexOf('First');
    const end = text.indexOf(' After');
    const spans = splitSentences(text, start, end);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['First inside.', 'Second inside.']);
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(start);
      expect(span.end).toBeLessThanOrEqual(end);
    }
  });

  describe('offsets over every block of the real article', () => {
    const text = readRealArticle();
    const document = parseWikipediaText({ id: 'iom', file: REAL_ARTICLE_FILE, text });
    const paragraphs = document.blocks.filter((block) => block.kind === 'paragraph');

    it('the article has paragraphs to check', () => {
      expect(paragraphs.length).toBeGreaterThan(30);
    });

    it('every span is trimmed, non-empty, ordered, inside its block, and together they keep every visible character', () => {
      for (const block of paragraphs) {
        const spans = splitSentences(text, block.start, block.end);
        expect(spans.length).toBeGreaterThan(0);
        let previousEnd = block.start;
        for (const span of spans) {
          const slice = text.slice(span.start, span.end);
          expect(slice.length).toBeGreaterThan(0);
          expect(slice).toBe(slice.trim());
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeLessThanOrEqual(block.end);
          // Only whitespace may lie between two sentences: nothing is dropped.
          expect(text.slice(previousEnd, span.start).trim()).toBe('');
          previousEnd = span.end;
        }
        expect(text.slice(previousEnd, block.end).trim()).toBe('');
      }
    });

    const allSentences = () => paragraphs.flatMap((block) => splitSentences(text, block.start, block.end)).map((span) => text.slice(span.start, span.end));

    it.each([
      ['within the borders of their own countries.', 'IOM operates from the outset'],
      ['exposed to gender based violence.', 'We need a whole-of-government'],
      ['a driver of global migration.', 'Millions of migrants are now using them'],
      ['has 155 member states and 11 observer states.[2]', 'It is the principal'],
    ])('in the article, "…%s" is followed by a new sentence "%s…"', (ending, nextStart) => {
      const all = allSentences();
      const index = all.findIndex((sentence) => sentence.endsWith(ending));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(all[index + 1]?.startsWith(nextStart)).toBe(true);
    });

    it('keeps "Mr. Swing warned …" in one sentence', () => {
      const all = allSentences();
      expect(all.some((sentence) => sentence.startsWith('Mr. Swing warned that the doors'))).toBe(true);
      expect(all).not.toContain('Mr.');
    });
  });
});

describe('stripFootnotes', () => {
  it.each([
    ['member states.[2]', 'member states.'],
    ['a claim.[3][14] next', 'a claim. next'],
    ['US$1.675 billon (2013)[1]', 'US$1.675 billon (2013)'],
    ['a list [a] and a year [2013] stay', 'a list [a] and a year [2013] stay'],
  ])('%j → %j', (input, expected) => {
    expect(stripFootnotes(input)).toBe(expected);
  });
});
