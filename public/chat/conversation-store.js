/**
 * Keeps finished turns (question + the final answer object, citations included) in the browser's storage, so a
 * conversation survives a reload. Storage can be unavailable (private mode, quota): the chat then works without it.
 */

const FORMAT_VERSION = 1;
/** Turns kept: the API accepts 20 history turns (10 exchanges); a few more let the reader scroll back. */
const MAX_STORED_TURNS = 30;

/** @param {Storage | undefined} storage @param {string | undefined} key */
export function createConversationStore(storage, key) {
  const usable = Boolean(storage && key);
  return {
    /** @returns {{ question: string, answer: any }[]} */
    load() {
      if (!usable) return [];
      try {
        const parsed = JSON.parse(storage.getItem(key) || 'null');
        if (!parsed || parsed.version !== FORMAT_VERSION || !Array.isArray(parsed.turns)) return [];
        return parsed.turns.filter(
          (turn) => turn && typeof turn.question === 'string' && turn.answer && typeof turn.answer.answer === 'string' && Array.isArray(turn.answer.citations),
        );
      } catch {
        return [];
      }
    },
    /** @param {{ question: string, answer: any }[]} turns */
    save(turns) {
      if (!usable) return;
      try {
        storage.setItem(key, JSON.stringify({ version: FORMAT_VERSION, turns: turns.slice(-MAX_STORED_TURNS) }));
      } catch {
        // Quota or privacy settings: the conversation still works, it just won't survive a reload.
      }
    },
    clear() {
      if (!usable) return;
      try {
        storage.removeItem(key);
      } catch {
        // see save()
      }
    },
  };
}
