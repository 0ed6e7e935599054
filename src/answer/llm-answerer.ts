import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Document } from '../domain/document.js';
import type { IndexReader } from '../store/index-reader.js';
import { retrieve, type RetrievedPassage, type RetrieveResult } from '../retrieve/hybrid-retrieve.js';
import { stripFootnotes } from '../text/sentences.js';
import { leaksPrompt } from './prompt-leak.js';
import { NOT_IN_SOURCES, type Answer, type AnswerEvent, type AnswerInput, type Answerer, type Citation } from './answer-types.js';
import { buildCitation } from './build-citations.js';
import { checkFaithfulness } from './faithfulness.js';
import { answerExtractively } from './extractive-answerer.js';
import { passageDocuments } from './extractive/passage-context.js';
import { fillTemplate, type Prompts } from './prompts.js';

export const NOT_IN_SOURCES_SENTINEL = 'NOT_IN_SOURCES';
/** History turns passed to the model: enough for follow-ups, bounded so old turns cannot crowd out passages. */
const HISTORY_TURNS = 6;

export interface LlmAnswererOptions {
  getIndex: () => IndexReader;
  model: BaseChatModel;
  prompts: Prompts;
  timeoutMs: number;
  /** Called when the model fails and the answer falls back to extractive (for logs and metrics). */
  onFallback?: (reason: string, error?: unknown) => void;
}

/** Passages as quoted data: numbered, labelled, delimited, with any delimiter inside the text neutralised. */
export function formatPassages(passages: RetrievedPassage[], documents: Map<string, Document>): string {
  return passages
    .map((passage, i) => {
      const title = documents.get(passage.chunk.sourceId)?.title ?? passage.chunk.sourceId;
      const text = stripFootnotes(passage.chunk.text).replace(/<\/?passage\b[^>]*>/gi, '');
      const attribute = (value: string) => value.replace(/["<>]/g, '');
      return `<passage n="${i + 1}" document="${attribute(title)}" section="${attribute(passage.chunk.sectionPath)}">\n${text}\n</passage>`;
    })
    .join('\n\n');
}

export function buildMessages(input: AnswerInput, passages: RetrievedPassage[], documents: Map<string, Document>, prompts: Prompts): BaseMessage[] {
  const history = input.history.slice(-HISTORY_TURNS).map((turn) => (turn.role === 'user' ? new HumanMessage(turn.content) : new AIMessage(turn.content)));
  const user = fillTemplate(prompts.answer, { passages: formatPassages(passages, documents), question: input.question.replace(/<\/?question>/gi, '') });
  return [new SystemMessage(prompts.system), ...history, new HumanMessage(user)];
}

/** In LLM mode a citation is the whole passage the model was shown under number `n`. */
function passageCitation(n: number, passage: RetrievedPassage, documents: Map<string, Document>): Citation {
  return buildCitation(n, { chunk: passage.chunk, start: passage.chunk.start, end: passage.chunk.end }, documents);
}

const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Keeps only markers that point to a passage the model was given (`[2]`, `[1, 3]` → `[1][3]`), drops the rest, and
 * builds each citation from its passage's offsets. Passage numbers are kept as the model saw them, so a streamed
 * answer and the final one agree.
 */
export function mapCitations(
  text: string,
  passages: RetrievedPassage[],
  documents: Map<string, Document>,
): { answer: string; citations: Citation[]; dropped: number[] } {
  const used = new Set<number>();
  const dropped: number[] = [];
  const answer = text
    .replace(MARKER, (_whole, list: string) => {
      const kept = list
        .split(',')
        .map((value) => Number(value.trim()))
        .filter((n) => {
          const valid = Number.isInteger(n) && n >= 1 && n <= passages.length;
          if (valid) used.add(n);
          else dropped.push(n);
          return valid;
        });
      return kept.map((n) => `[${n}]`).join('');
    })
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  const citations = [...used].sort((a, b) => a - b).map((n) => passageCitation(n, passages[n - 1]!, documents));
  return { answer, citations, dropped };
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : ((part as { text?: string }).text ?? ''))).join('');
  return '';
}

/**
 * The language-model answerer: the model sees numbered passages and must cite them. Its reply is checked (markers
 * validated, prompt leaks refused) and it falls back to the extractive answer when the model errors, times out,
 * or gives no usable citation. The response says so in `note`.
 */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const fallback = async (index: IndexReader, input: AnswerInput, retrieved: RetrieveResult, reason: string, error?: unknown): Promise<Answer> => {
    options.onFallback?.(reason, error);
    const answer = await answerExtractively(index, input, retrieved);
    return { ...answer, note: `The language model ${reason}; this answer was composed extractively from the sources.` };
  };

  const finish = async (
    index: IndexReader,
    documents: Map<string, Document>,
    input: AnswerInput,
    retrieved: RetrieveResult,
    reply: string,
  ): Promise<Answer> => {
    const trimmed = reply.trim();
    if (trimmed === '') return fallback(index, input, retrieved, 'returned an empty reply');
    if (trimmed.includes(NOT_IN_SOURCES_SENTINEL)) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'llm', citations: [] };
    if (leaksPrompt(trimmed, options.prompts.system)) return { answer: NOT_IN_SOURCES, grounded: false, mode: 'llm', citations: [] };
    // Drop sentences no cited passage supports, then keep only the citations the remaining text uses.
    const checked = checkFaithfulness(
      mapCitations(trimmed, retrieved.passages, documents).answer,
      retrieved.passages.map((passage) => passage.chunk.text),
    );
    const mapped = mapCitations(checked.answer, retrieved.passages, documents);
    const unsupported = checked.unsupported.length > 0 ? { unsupported: checked.unsupported } : {};
    if (mapped.citations.length === 0) {
      const reason = checked.unsupported.length > 0 ? 'gave no answer its cited passages support' : 'gave no usable citation';
      return { ...(await fallback(index, input, retrieved, reason)), ...unsupported };
    }
    return { answer: mapped.answer, grounded: true, mode: 'llm', citations: mapped.citations, ...unsupported };
  };

  const signalFor = (input: AnswerInput) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    return input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  };

  // The OpenAI SDK (which LangChain passes through) gives an HTTP failure a numeric `status`: that is a failure, not a
  // timeout, even when the abort signal has fired meanwhile.
  const hasHttpStatus = (error: unknown) => typeof (error as { status?: unknown } | null)?.status === 'number';
  const describe = (error: unknown, signal: AbortSignal) => (signal.aborted && !hasHttpStatus(error) ? 'timed out' : 'was unreachable or failed');

  return {
    async answer(input) {
      const index = options.getIndex();
      const retrieved = await retrieve({ index, question: input.question, history: input.history, topK: input.topK });
      if (retrieved.passages.length === 0) return answerExtractively(index, input, retrieved);
      const documents = await passageDocuments(index, retrieved.passages);
      const signal = signalFor(input);
      try {
        const reply = await options.model.invoke(buildMessages(input, retrieved.passages, documents, options.prompts), { signal });
        return await finish(index, documents, input, retrieved, messageText(reply.content));
      } catch (error) {
        if (input.signal?.aborted) throw error;
        return fallback(index, input, retrieved, describe(error, signal), error);
      }
    },

    async *stream(input): AsyncIterable<AnswerEvent> {
      const index = options.getIndex();
      const retrieved = await retrieve({ index, question: input.question, history: input.history, topK: input.topK });
      const documents = await passageDocuments(index, retrieved.passages);
      const candidates = retrieved.passages.map((passage, i) => passageCitation(i + 1, passage, documents));
      yield { type: 'citations', citations: candidates };
      const signal = signalFor(input);
      let reply = '';
      try {
        const stream = await options.model.stream(buildMessages(input, retrieved.passages, documents, options.prompts), { signal });
        for await (const chunk of stream) {
          const text = messageText(chunk.content);
          if (!text) continue;
          reply += text;
          yield { type: 'delta', text };
        }
      } catch (error) {
        if (input.signal?.aborted) throw error;
        yield { type: 'done', answer: await fallback(index, input, retrieved, describe(error, signal), error) };
        return;
      }
      yield { type: 'done', answer: await finish(index, documents, input, retrieved, reply) };
    },
  };
}
