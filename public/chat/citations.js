/** Rendering of citation data: inline `[n]` markers, footnote links and links into the original page. */

const ANSWER_MARKER = /\[(\d{1,3})\]/g;
const FOOTNOTE_MARKER = /\[(\d{1,3})\]/g;

/** Text fragments treat these as syntax, so they must be percent-encoded inside a fragment term. */
function encodeFragmentTerm(text) {
  return encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/** Words per end of a `start,end` text fragment: enough to be unique on the page, short enough to match exactly. */
const FRAGMENT_EDGE_WORDS = 5;

/**
 * The document's URL with a text fragment (`#:~:text=`) for the quote, so the browser scrolls to the passage on the
 * live page. Footnote markers are dropped (the live page renders them as superscripts), only the first line is used
 * (an infobox label and value sit in separate cells), and long quotes use the `start,end` form so a small
 * difference in the middle cannot break the match.
 * @param {{ url?: string, quote: string }} citation
 * @returns {string | undefined}
 */
export function originalUrl(citation) {
  if (!citation.url) return undefined;
  const firstLine = citation.quote.split('\n').find((line) => line.trim() !== '') || '';
  const words = firstLine.replace(FOOTNOTE_MARKER, ' ').replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return citation.url;
  const base = citation.url.split('#')[0];
  if (words.length <= FRAGMENT_EDGE_WORDS * 2) return `${base}#:~:text=${encodeFragmentTerm(words.join(' '))}`;
  const start = words.slice(0, FRAGMENT_EDGE_WORDS).join(' ');
  const end = words.slice(-FRAGMENT_EDGE_WORDS).join(' ');
  return `${base}#:~:text=${encodeFragmentTerm(start)},${encodeFragmentTerm(end)}`;
}

/** "Title › Section", without repeating the title when the section is the lead. */
export function citationLabel(citation) {
  const label = citation.section && citation.section !== citation.title ? `${citation.title} › ${citation.section}` : citation.title;
  return citation.page ? `${label}, p. ${citation.page}` : label;
}

/**
 * Fills `element` with the answer text, turning each `[n]` that has a citation into a link that opens the source
 * viewer. Markers without a citation (possible mid-stream) stay plain text.
 * @param {HTMLElement} element
 * @param {string} text
 * @param {{ citationFor: (n: number) => any, onOpen: (citation: any, trigger: HTMLElement) => void, hrefFor: (n: number) => string }} options
 */
export function renderAnswerText(element, text, options) {
  const document = element.ownerDocument;
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(ANSWER_MARKER)) {
    const n = Number(match[1]);
    const citation = options.citationFor(n);
    if (!citation) continue;
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement('a');
    link.className = 'citation-marker';
    link.href = options.hrefFor(n);
    link.textContent = `[${n}]`;
    link.dataset.n = String(n);
    link.setAttribute('aria-label', `Source ${n}: ${citationLabel(citation)}. Opens the passage.`);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      options.onOpen(citation, link);
    });
    nodes.push(link);
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  element.replaceChildren(...nodes);
}

/**
 * Appends `text` to `parent`, with footnote markers (`[4]`) as links to the document's reference entries when the
 * document has that reference.
 * @param {Node} parent
 * @param {string} text
 * @param {{ hasReference: (n: number) => boolean, onFootnote: (n: number, link: HTMLElement) => void }} options
 */
export function appendWithFootnotes(parent, text, options) {
  const document = parent.ownerDocument || parent;
  let last = 0;
  for (const match of text.matchAll(FOOTNOTE_MARKER)) {
    const n = Number(match[1]);
    if (!options.hasReference(n)) continue;
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement('a');
    link.className = 'footnote-marker';
    link.href = `#reference-${n}`;
    link.textContent = match[0];
    link.setAttribute('aria-label', `Reference ${n}`);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      options.onFootnote(n, link);
    });
    parent.appendChild(link);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}
