import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, searchLexical, SYNONYM_WEIGHT, weightedTerms, WORDNET_SYNONYM_WEIGHT } from '../../src/store/bm25.js';
import { groupSynonymsOf, synonymExpansion, wordnetSynonymsIn } from '../../src/text/synonyms.js';
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
  ])('a query using "%s" expands its stem to %j', (word, synonym) => {
    expect(synonymExpansion([`What about ${word}?`])(stem(word))).toContain(synonym);
  });

  it('looks up no stop words, numbers or short words, and returns no stop word', () => {
    expect(wordnetSynonymsIn(['it is 2001 ok']).size).toBe(0);
    // cost#v1 = {cost, be}: "be" is a stop word, useless as a query term.
    const synonymsOf = synonymExpansion(['What does it cost?']);
    expect(synonymsOf(stem('cost'))).not.toContain('be');
    for (const synonym of synonymsOf(stem('cost'))) expect(isStopWord(synonym)).toBe(false);
  });

  it('expands a query the same whatever was asked before: nothing is remembered between queries', () => {
    // "organism" and "organization" share the stem "organ": a question about one must not borrow the other's synonyms.
    const before = expanded('How is the organism classified?');
    expanded('What does the organization do?');
    expect(expanded('How is the organism classified?')).toEqual(before);
    expect(synonymExpansion(['How is the organism classified?'])(stem('organism'))).toEqual(synonymExpansion(['organism'])(stem('organism')));
  });

  it('a term the texts do not use has only its general-English group', () => {
    expect(synonymExpansion(['Where can I purchase seeds?'])(stem('employees'))).toEqual(groupSynonymsOf(stem('employees')));
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
    const synonymsOf = synonymExpansion([`${demonym} ${country}`]);
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
