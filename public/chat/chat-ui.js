import { ChatError, fetchJson, sendFeedback, streamChat } from './api-client.js';
import { citationLabel, originalUrl, renderAnswerText } from './citations.js';
import { createConversationStore } from './conversation-store.js';
import { createSourceViewer } from './source-viewer.js';

/**
 * The chat component shared by the page (`/`) and the embeddable widget: question box, streamed answers with
 * `[n]` links, a sources list per answer, the "sources don't say" state, visible errors, starter questions and the
 * source viewer. It renders into `container`, which may sit inside a shadow root.
 */

/** The API accepts at most 20 history turns of at most 4000 characters each. */
const MAX_HISTORY_TURNS = 20;
const MAX_TURN_CHARS = 4000;
/** Starter questions shown in an empty conversation; more would push the question box off a phone screen. */
const MAX_STARTERS = 4;
/** What the language model writes when the passages don't answer (see src/answer/llm-answerer.ts). */
const NOT_IN_SOURCES_SENTINEL = 'NOT_IN_SOURCES';
/** Sections that hold navigation or bibliography, not answerable content. */
const NON_CONTENT_SECTIONS = /^(references|notes|footnotes|citations|external links|see also|further reading|bibliography|sources|contents)$/i;
/** "International Organization for Migration" → "IOM": how people name such organisations in questions. */
function shortName(title) {
  const initials = title
    .split(/\s+/)
    .filter((word) => /^[A-Z]/.test(word))
    .map((word) => word[0])
    .join('');
  return initials.length >= 2 && title.split(/\s+/).length >= 3 ? initials : title;
}

/** A natural question about a section of a source, or undefined when its title is too generic or too long. */
export function starterQuestion(title, section) {
  const name = shortName(title);
  if (/^history$/i.test(section)) return `What is the history of ${name}?`;
  // One-word titles ("Activities", "Campaigns") make vague questions; long ones ("Migration for the benefit of
  // all") make awkward ones. Two to four words usually name a topic: "What does IOM do in refugee resettlement?"
  const words = section.split(/\s+/).length;
  if (words < 2 || words > 4) return undefined;
  return `What does ${name} do in ${section.toLowerCase()}?`;
}

/** `count` items spread over `items`, so the starters cover the document rather than its first sections. */
function spread(items, count) {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

function element(document, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {{ container: HTMLElement, endpoint: string, storageKey?: string, storage?: Storage, autofocus?: boolean }} options
 * @returns {{ ask: (question: string) => Promise<void>, clear: () => void, focus: () => void }}
 */
export function mountChat(options) {
  const { container, endpoint } = options;
  const document = container.ownerDocument;
  const idPrefix = `cite-${Math.random().toString(36).slice(2, 8)}`;
  const store = createConversationStore(options.storageKey ? options.storage || safeStorage('localStorage') : undefined, options.storageKey);
  /** @type {{ question: string, answer: any }[]} */
  let finished = [];
  let inFlight;
  let turnCounter = 0;

  const root = element(document, 'div', 'cite-chat');
  const log = element(document, 'div', 'cite-chat__log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', 'Conversation');
  log.setAttribute('aria-live', 'polite');

  const intro = element(document, 'div', 'cite-chat__intro');
  intro.append(
    element(
      document,
      'p',
      'cite-chat__hint',
      'Ask a question about the documents. Every answer quotes its sources, and each [n] opens the passage it comes from.',
    ),
  );
  const startersLabel = element(document, 'p', 'cite-chat__starters-label', 'Try one of these:');
  startersLabel.id = `${idPrefix}-starters`;
  startersLabel.hidden = true;
  const starters = element(document, 'ul', 'cite-chat__starters');
  starters.setAttribute('aria-labelledby', startersLabel.id);
  intro.append(startersLabel, starters);

  const form = element(document, 'form', 'cite-chat__form');
  form.setAttribute('aria-label', 'Ask a question');
  const label = element(document, 'label', 'visually-hidden', 'Your question');
  label.htmlFor = `${idPrefix}-question`;
  const input = element(document, 'textarea', 'cite-chat__input');
  input.id = `${idPrefix}-question`;
  input.name = 'question';
  input.rows = 1;
  input.maxLength = 2000;
  input.required = true;
  input.placeholder = 'Ask a question…';
  input.setAttribute('enterkeyhint', 'send');
  input.setAttribute('aria-describedby', `${idPrefix}-keys`);
  const keys = element(document, 'span', 'visually-hidden', 'Press Enter to ask, Shift+Enter for a new line.');
  keys.id = `${idPrefix}-keys`;
  const send = element(document, 'button', 'cite-chat__send', 'Ask');
  send.type = 'submit';
  const stop = element(document, 'button', 'cite-chat__stop', 'Stop');
  stop.type = 'button';
  stop.hidden = true;
  form.append(label, input, keys, send, stop);

  const toolbar = element(document, 'div', 'cite-chat__toolbar');
  const clearButton = element(document, 'button', 'cite-chat__clear', 'New conversation');
  clearButton.type = 'button';
  toolbar.append(clearButton);
  toolbar.hidden = true;

  const status = element(document, 'div', 'visually-hidden');
  status.setAttribute('role', 'status');

  root.append(intro, log, toolbar, form, status);
  container.append(root);
  const viewer = createSourceViewer({ endpoint, mountPoint: root, idPrefix });

  const announce = (message) => {
    status.textContent = '';
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    setTimeout(() => (status.textContent = message), 50);
  };

  const updateChrome = () => {
    const empty = log.childElementCount === 0;
    intro.hidden = !empty;
    toolbar.hidden = empty || Boolean(inFlight);
    send.hidden = Boolean(inFlight);
    stop.hidden = !inFlight;
    root.dataset.state = inFlight ? 'streaming' : 'idle';
  };

  const historyForRequest = () =>
    finished
      // A turn the sources could not answer gives a follow-up nothing to refer to, and its words would only pull
      // retrieval towards the unanswerable topic.
      .filter((turn) => turn.answer.grounded)
      .flatMap((turn) => [
        { role: 'user', content: turn.question.slice(0, MAX_TURN_CHARS) },
        { role: 'assistant', content: turn.answer.answer.slice(0, MAX_TURN_CHARS) },
      ])
      .slice(-MAX_HISTORY_TURNS);

  const renderQuestion = (question) => {
    const bubble = element(document, 'article', 'message message--user');
    bubble.setAttribute('aria-label', 'Your question');
    bubble.append(element(document, 'p', 'message__text', question));
    log.append(bubble);
  };

  /** An answer bubble; returns functions that update it as events arrive. */
  const renderAnswerShell = () => {
    turnCounter += 1;
    const turnId = `${idPrefix}-a${turnCounter}`;
    const bubble = element(document, 'article', 'message message--assistant');
    bubble.setAttribute('aria-label', 'Answer');
    bubble.setAttribute('aria-busy', 'true');
    bubble.dataset.state = 'streaming';
    const pending = element(document, 'p', 'message__pending', 'Searching the sources…');
    const text = element(document, 'div', 'message__text');
    bubble.append(pending, text);
    log.append(bubble);
    let streamed = '';
    let citations = [];
    const sourceHref = (n) => `#${turnId}-source-${n}`;
    const open = (citation, trigger) => viewer.open(citation, trigger);

    return {
      bubble,
      setCitations(list) {
        citations = list;
      },
      appendDelta(delta) {
        streamed += delta;
        // In llm mode the model answers "not in the sources" with a sentinel word; `done` then brings the plain
        // message, so the sentinel is never shown.
        const head = streamed.trimStart();
        if (head === '' || NOT_IN_SOURCES_SENTINEL.startsWith(head) || head.startsWith(NOT_IN_SOURCES_SENTINEL)) return;
        pending.hidden = true;
        renderAnswerText(text, streamed, { citationFor: (n) => citations.find((citation) => citation.n === n), onOpen: open, hrefFor: sourceHref });
      },
      finish(answer) {
        pending.remove();
        bubble.dataset.state = 'done';
        bubble.dataset.grounded = String(answer.grounded);
        bubble.setAttribute('aria-busy', 'false');
        if (!answer.grounded) {
          text.replaceChildren();
          bubble.classList.add('message--not-grounded');
          const notice = element(document, 'div', 'message__notice');
          notice.append(element(document, 'strong', 'message__notice-title', 'The sources don’t say.'));
          const rest = answer.answer.replace(/^The sources don['’]t say\.\s*/, '');
          notice.append(element(document, 'span', 'message__notice-text', ` ${rest || 'Nothing in the indexed documents answers this question.'}`));
          text.append(notice);
        } else {
          renderAnswerText(text, answer.answer, {
            citationFor: (n) => answer.citations.find((citation) => citation.n === n),
            onOpen: open,
            hrefFor: sourceHref,
          });
        }
        if (answer.note) bubble.append(element(document, 'p', 'message__note', answer.note));
        if (answer.citations.length > 0) bubble.append(renderSources(answer, turnId, open, !answer.grounded));
        if (answer.answerId) bubble.append(renderFeedback(answer));
      },
      fail(error, retry) {
        pending.remove();
        bubble.dataset.state = 'error';
        bubble.setAttribute('aria-busy', 'false');
        bubble.classList.add('message--error');
        const box = element(document, 'div', 'message__error');
        box.setAttribute('role', 'alert');
        box.append(element(document, 'strong', undefined, 'The answer could not be completed. '));
        box.append(element(document, 'span', undefined, error.message));
        const again = element(document, 'button', 'message__retry', 'Try again');
        again.type = 'button';
        again.addEventListener('click', () => {
          bubble.previousElementSibling?.remove();
          bubble.remove();
          retry();
        });
        box.append(document.createTextNode(' '), again);
        bubble.append(box);
      },
    };
  };

  /** Thumbs up/down for an answer; the rating is kept with the stored conversation, so a reload shows it. */
  const renderFeedback = (answer) => {
    const row = element(document, 'div', 'message__feedback');
    row.setAttribute('role', 'group');
    row.setAttribute('aria-label', 'Rate this answer');
    const label = element(document, 'span', 'message__feedback-label', 'Was this helpful?');
    const status = element(document, 'span', 'message__feedback-status');
    status.setAttribute('role', 'status');
    const buttons = [
      ['up', 'Yes', 'Helpful'],
      ['down', 'No', 'Not helpful'],
    ].map(([rating, text, name]) => {
      const button = element(document, 'button', 'message__feedback-button', text);
      button.type = 'button';
      button.dataset.rating = rating;
      button.setAttribute('aria-label', name);
      button.setAttribute('aria-pressed', String(answer.rating === rating));
      button.addEventListener('click', async () => {
        for (const other of buttons) other.disabled = true;
        status.textContent = 'Saving…';
        try {
          await sendFeedback({ endpoint, answerId: answer.answerId, rating });
          answer.rating = rating;
          store.save(finished);
          for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
          status.textContent = 'Thanks for your feedback.';
        } catch (error) {
          status.textContent = error instanceof ChatError ? error.message : 'Your rating could not be saved.';
        } finally {
          for (const other of buttons) other.disabled = false;
        }
      });
      return button;
    });
    if (answer.rating) status.textContent = 'Thanks for your feedback.';
    row.append(label, ...buttons, status);
    return row;
  };

  const renderSources = (answer, turnId, open, closestOnly) => {
    const section = element(document, 'section', 'message__sources');
    const headingId = `${turnId}-sources`;
    const heading = element(document, 'h3', 'message__sources-title', closestOnly ? 'Closest passages (they do not answer the question)' : 'Sources');
    heading.id = headingId;
    section.setAttribute('aria-labelledby', headingId);
    const list = element(document, 'ol', 'sources');
    for (const citation of answer.citations) {
      const item = element(document, 'li', 'source');
      item.id = `${turnId}-source-${citation.n}`;
      item.value = citation.n;
      const head = element(document, 'p', 'source__head');
      head.append(
        element(document, 'span', 'source__n', `[${citation.n}]`),
        document.createTextNode(' '),
        element(document, 'span', 'source__label', citationLabel(citation)),
      );
      const quote = element(document, 'blockquote', 'source__quote', citation.quote);
      const actions = element(document, 'p', 'source__actions');
      const view = element(document, 'button', 'source__view', 'Show in document');
      view.type = 'button';
      view.setAttribute('aria-label', `Show source ${citation.n} in the document`);
      view.addEventListener('click', () => open(citation, view));
      actions.append(view);
      const url = originalUrl(citation);
      if (url) {
        const link = element(document, 'a', 'source__original', 'Open in the original ↗');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.setAttribute('aria-label', `Open source ${citation.n} in the original (new tab)`);
        actions.append(document.createTextNode(' '), link);
      }
      item.append(head, quote, actions);
      list.append(item);
    }
    section.append(heading, list);
    return section;
  };

  const keepInView = (node) => {
    node.scrollIntoView({ block: 'end', behavior: 'auto' });
  };

  const ask = async (rawQuestion) => {
    const question = rawQuestion.trim();
    if (!question || inFlight) return;
    const history = historyForRequest();
    renderQuestion(question);
    const shell = renderAnswerShell();
    const controller = new AbortController();
    inFlight = controller;
    updateChrome();
    keepInView(shell.bubble);
    announce('Searching the sources…');
    try {
      let answer;
      for await (const event of streamChat({ endpoint, question, history, signal: controller.signal })) {
        if (event.event === 'citations') shell.setCitations(event.data.citations || []);
        else if (event.event === 'delta') shell.appendDelta(event.data.text || '');
        else if (event.event === 'done') answer = event.data;
        keepInView(shell.bubble);
      }
      shell.finish(answer);
      finished.push({ question, answer });
      store.save(finished);
      announce(answer.grounded ? 'Answer complete.' : 'The sources don’t say.');
    } catch (error) {
      const problem = controller.signal.aborted
        ? new ChatError('stopped', 'You stopped this answer.')
        : error instanceof ChatError
          ? error
          : new ChatError('error', 'Something unexpected happened in the page. Please try again.');
      shell.fail(problem, () => ask(question));
      announce(`Error: ${problem.message}`);
    } finally {
      inFlight = undefined;
      updateChrome();
      keepInView(shell.bubble);
    }
  };

  const restore = () => {
    finished = store.load();
    for (const turn of finished) {
      renderQuestion(turn.question);
      const shell = renderAnswerShell();
      shell.finish(turn.answer);
    }
    updateChrome();
  };

  const loadStarters = async () => {
    try {
      const { sources } = await fetchJson(endpoint, '/api/sources');
      const questions = [];
      for (const source of sources || []) {
        for (const section of source.sections || []) {
          if (NON_CONTENT_SECTIONS.test(section.trim())) continue;
          const question = starterQuestion(source.title, section);
          if (question) questions.push(question);
        }
      }
      const unique = [...new Set(questions)];
      // History questions read well as a first suggestion; the rest are spread over the documents.
      const history = unique.filter((question) => question.startsWith('What is the history'));
      const others = unique.filter((question) => !history.includes(question));
      const chosen = [...history.slice(0, 1), ...spread(others, MAX_STARTERS - Math.min(1, history.length))];
      starters.replaceChildren(
        ...chosen.map((question) => {
          const item = element(document, 'li');
          const button = element(document, 'button', 'cite-chat__starter', question);
          button.type = 'button';
          button.addEventListener('click', () => {
            ask(question);
            input.focus();
          });
          item.append(button);
          return item;
        }),
      );
      startersLabel.hidden = chosen.length === 0;
    } catch {
      // Starters are a convenience: without them the question box still works.
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value;
    if (!question.trim() || inFlight) return;
    input.value = '';
    resize();
    ask(question);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const resize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  };
  input.addEventListener('input', resize);
  stop.addEventListener('click', () => inFlight?.abort());
  clearButton.addEventListener('click', () => {
    finished = [];
    store.clear();
    log.replaceChildren();
    updateChrome();
    announce('New conversation started.');
    input.focus();
  });

  restore();
  loadStarters();
  if (options.autofocus) input.focus();

  return {
    ask,
    clear: () => clearButton.click(),
    focus: () => input.focus(),
  };
}

/**
 * The browser's `localStorage` or `sessionStorage`, or undefined where storage is blocked (privacy settings): the
 * conversation then lives in the page only.
 * @param {'localStorage' | 'sessionStorage'} kind
 */
export function safeStorage(kind) {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}
