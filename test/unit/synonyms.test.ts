import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, searchLexical, SYNONYM_WEIGHT, weightedTerms, WORDNET_SYNONYM_WEIGHT } from '../../src/store/bm25.js';
import { groupSynonymsOf, learnSynonyms, synonymsOf, wordnetSynonymsOf } from '../../src/text/synonyms.js';
import { isStopWord, stem } from '../../src/text/tokenize.js';

const expanded = (text: string) => weightedTerms([{ text, weight: 1 }], true);

describe('query expansion with WordNet synonyms', () => {
  it('a question saying "purchase" finds the passage saying "buy"', () => {
    const index = buildLexicalIndex(['Members buy seeds at the spring fair.', 'Seeds in winter.']);
    const [hit] = searchLexical(index, expanded('Where can I purchase seeds?'), 2);
    expect(hit?.chunkIndex).toBe(0);
  });

  it.each([
    // word of the question, stem of a WordNet first-sense synonym
    ['purchase', 'buy'],
    ['bought', 'buy'],
    ['permitted', stem('allow')],
    ['children', 'kid'],
  ])('after a query uses "%s", synonymsOf its stem includes %j', (word, synonym) => {
    weightedTerms([{ text: `What about ${word}?`, weight: 1 }]);
    expect(synonymsOf(stem(word))).toContain(synonym);
  });

  it('learns nothing from stop words, numbers or short words, and returns no stop word', () => {
    learnSynonyms('it is 2001 ok');
    for (const word of ['it', 'is', '2001', 'ok']) expect(wordnetSynonymsOf(stem(word))).toEqual([]);
    // cost#v1 = {cost, be}: "be" is a stop word, useless as a query term.
    learnSynonyms('What does it cost?');
    expect(synonymsOf(stem('cost'))).not.toContain('be');
    for (const synonym of synonymsOf(stem('cost'))) expect(isStopWord(synonym)).toBe(false);
  });
});

describe('expansion weights', () => {
  it('a synonym counts for less than the word the user typed, a WordNet one for less than a group one', () => {
    const weights = expanded('purchase employees');
    expect(weights.get(stem('purchase'))).toBe(1);
    expect(weights.get('buy')).toBe(WORDNET_SYNONYM_WEIGHT);
    expect(weights.get(stem('staff'))).toBe(SYNONYM_WEIGHT);
    expect(WORDNET_SYNONYM_WEIGHT).toBeLessThan(SYNONYM_WEIGHT);
    expect(SYNONYM_WEIGHT).toBeLessThan(1);
  });

  it('a typed word keeps full weight when it is also a synonym of another typed word', () => {
    expect(expanded('purchase buy').get('buy')).toBe(1);
  });

  it('the passage with the typed word outranks the one with its synonym', () => {
    const index = buildLexicalIndex(['You can buy a ticket online.', 'You can purchase a ticket online.']);
    const ranking = searchLexical(index, expanded('purchase a ticket'), 2).map((hit) => hit.chunkIndex);
    expect(ranking).toEqual([1, 0]);
  });

  it('without expansion a query has only its own terms', () => {
    expect([...weightedTerms([{ text: 'purchase', weight: 1 }]).keys()]).toEqual([stem('purchase')]);
  });
});

describe('no synonyms kept for one article', () => {
  it.each([
    ['swiss', 'switzerland'],
    ['afghan', 'afghanistan'],
    ['iraqi', 'iraq'],
    ['french', 'france'],
    ['vietnamese', 'vietnam'],
  ])('a demonym is not expanded to its country: %s ↛ %s', (demonym, country) => {
    learnSynonyms(`${demonym} ${country}`);
    expect(synonymsOf(stem(demonym))).not.toContain(stem(country));
    expect(synonymsOf(stem(country))).not.toContain(stem(demonym));
  });

  it.each(['smuggling', 'trafficking', 'resettle', 'displaced'])('no hand-kept group for the topic word "%s"', (word) => {
    expect(groupSynonymsOf(stem(word))).toEqual([]);
  });

  it('the general-English groups stay symmetric', () => {
    for (const word of ['employees', 'budget', 'begin', 'language']) {
      for (const synonym of groupSynonymsOf(stem(word))) expect(groupSynonymsOf(synonym)).toContain(stem(word));
    }
  });
});
