/**
 * Every ranking and gating constant of the extractive answerer, each with why it is what it is. The score itself is
 * the sentence model's (`../sentence-model.ts`, fitted); these shape its coverage features, which sentences may lead
 * or join an answer, and how long an answer may be. Each holds across the eval's corpora of every kind: judged
 * leave-one-corpus-out, the alternatives tried (companionRatio 0.75, companionFloor 0.4, neighbourRatio 0.5) changed
 * no corpus by more than one question, so the simpler values stay.
 */
export const EXTRACTIVE_WEIGHTS = {
  /** A synonym match counts for less than the question's own word. */
  synonym: 0.7,
  /** …and a WordNet synonym (a word's first sense) for half of that: the same ratio retrieval gives it (0.3 against a
   * general-English group's 0.6). */
  wordnetCredit: 0.5,
  /** A question word found only in the section heading counts for half. */
  sectionTitle: 0.5,
  /** Extra sentences must score this close to the best one to be added. */
  companionRatio: 0.88,
  /** A sentence joins the lead only if the sentence model gives it at least this probability of being evidence… */
  companionFloor: 0.54,
  /** …though a second value for "how many"/"when" may score this fraction of it. */
  conflictFloor: 0.9,
  /** A second value that does not share the question's words but names the lead's quantity may score this low. */
  sameQuantityFloor: 0.3,
  /**
   * A runner-up that could lead the answer itself and scores at most this much below the lead (sentence-model
   * probability) joins it even when it covers no question word the lead leaves out: the model cannot tell the two
   * apart. Leave-one-corpus-out over 0.01-0.1 (19 corpora, answers citing gold evidence): 0.02 gained on four corpora
   * (beaglebone-black-srm, dive-into-python3, pythia-notebooks, shell-novice, one or two questions each) and lost on
   * none, at 0.03 more sentences per answer (1.78 → 1.81); summed over the eighteen corpora other than the encyclopedia article the share citing
   * evidence rose 10.32 → 10.42. 0.04 lost on openssh-docs; 0.1 reached 10.46 but lost on three corpora and quoted 0.18
   * more sentences per answer.
   */
  closeCallMargin: 0.02,
  /** A neighbour of a chosen sentence in the same paragraph continues its thought, so it needs less. */
  neighbourRatio: 0.68,
  /**
   * Three sentences answer a question; more is a passage to read, not an answer. The lead's continuation (the next
   * sentence after a lead restating the question, RESTATEMENT_SHARE) takes one of the three; a quoted runner-up's
   * continuation is not counted: it finishes that sentence's thought, and `maxChars` still bounds the whole. Counting
   * it too (leave-one-corpus-out, 2026-12-02) shortened 24 answers and lost the answer or its evidence in two ("Trying
   * to do so will raise a NameError exception." after the runner-up that led up to it), gaining none.
   */
  maxSentences: 3,
  /** About three ordinary sentences: a quote to check at a glance. */
  maxChars: 500,
  /** A question that asks two things may quote a part's answer beyond `maxChars`, up to this. */
  maxCharsMultiPart: 750,
};

/** A candidate sharing more than this share of its terms with a quoted sentence repeats it, and is skipped. */
export const REPEAT_CONTAINMENT = 0.7;

/** A lead whose content terms are at least this share the question's words (or synonyms) mostly restates it, and the
 * next sentence of its paragraph joins it whatever it scores. Leave-one-corpus-out over 0.5, 0.4, 0.3, 0.2 and 0.01
 * (twelve corpora): 0.3 gained eight answers or cited evidence and lost none on any corpus; 0.2 gained as many with
 * one lost; near 0 (every lead continued) lost three on the two PDF corpora, where the next sentence pushed a
 * better companion out. */
export const RESTATEMENT_SHARE = 0.3;

/** The length feature reads a sentence's length up to this many characters (longer is no more informative)… */
export const LENGTH_CAP_CHARS = 600;
/** …scaled by this, so an ordinary sentence's length is about 1, like the other features. */
export const LENGTH_SCALE_CHARS = 300;

/** A quoted lead-in with what it introduces (its list's items, or a code block) may run to this many characters:
 * about two paragraphs, still a quote to check, not a page. Items beyond it are left out whole, and a longer code
 * block is not joined. */
export const LIST_QUOTE_MAX_CHARS = 700;

/** A question names a few things; a pasted page would cost a phrase check per capitalised run. */
export const MAX_QUESTION_ENTITIES = 8;
/** Chunks holding all of a name's words that are read for the phrase: enough to find it, bounded on a big corpus. */
export const MAX_PHRASE_CHECKS = 50;
/** A name's words "in order" may have this many words between them ("Immigration and Border Management (IBM) Team"
 * has "Immigration and Border Management Team"). */
export const PHRASE_GAP = 3;

/** A figure is "of" the words within this many words of it ("10 observer states", "budget of $1.3 billion"). */
export const FIGURE_WINDOW = 3;
/** A figure's clause, roughly: the words this close to it say what the figure is ("800,000 people may be trafficked
 * across international borders annually"), words further off may be about something else ("…with many more
 * trafficked within the borders of their own countries"). */
export const CLAUSE_WINDOW = 8;

/** Chunks of the lead's document read for another value of its quantity: enough for an article's infobox and body,
 * bounded on a long document with a common anchor word. */
export const MAX_CONFLICT_CHUNKS = 200;
