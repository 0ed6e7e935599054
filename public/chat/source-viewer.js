import { fetchJson } from './api-client.js';
import { appendWithFootnotes, originalUrl } from './citations.js';

/**
 * The source viewer: a modal dialog showing the cited document (from `GET /api/sources/:id`) scrolled to the
 * quote, which is highlighted by its offsets (`text.slice(start, end)`), never by searching for it.
 */

function element(document, tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The page of a paged source (a PDF) that holds `offset`: the last page starting at or before it. */
function pageAt(source, offset) {
  const pages = (source.pages || []).filter((page) => page.end > page.start);
  return pages.filter((page) => page.start <= offset).pop() || pages[0];
}

/** The section whose span holds `offset`, innermost first. */
function sectionAt(source, offset) {
  const holding = (source.sections || []).filter((section) => section.start <= offset && offset < section.end);
  return holding.sort((a, b) => (b.level || 0) - (a.level || 0) || b.start - a.start)[0];
}

/**
 * @param {{ endpoint: string, mountPoint: HTMLElement | ShadowRoot, idPrefix: string }} options
 * @returns {{ open: (citation: any, trigger?: HTMLElement) => Promise<void> }}
 */
export function createSourceViewer(options) {
  const root = options.mountPoint;
  const document = root.ownerDocument || root;
  const cache = new Map();
  const titleId = `${options.idPrefix}-viewer-title`;

  const dialog = element(document, 'dialog', 'source-viewer');
  dialog.setAttribute('aria-labelledby', titleId);
  const header = element(document, 'header', 'source-viewer__header');
  const heading = element(document, 'div', 'source-viewer__heading');
  const eyebrow = element(document, 'p', 'source-viewer__eyebrow');
  const title = element(document, 'h2', 'source-viewer__title');
  title.id = titleId;
  const sectionLine = element(document, 'p', 'source-viewer__section');
  heading.append(eyebrow, title, sectionLine);
  const close = element(document, 'button', 'source-viewer__close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close the source');
  header.append(heading, close);
  const body = element(document, 'div', 'source-viewer__body');
  body.tabIndex = 0;
  body.setAttribute('role', 'document');
  const footer = element(document, 'footer', 'source-viewer__footer');
  const original = element(document, 'a', 'source-viewer__original', 'Open in the original ↗');
  original.target = '_blank';
  original.rel = 'noopener noreferrer';
  footer.append(original);
  dialog.append(header, body, footer);
  root.appendChild(dialog);

  let lastTrigger;
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog box) closes it, as people expect of a modal.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    }
  });
  dialog.addEventListener('close', () => {
    if (lastTrigger && lastTrigger.isConnected) lastTrigger.focus();
  });

  const loadSource = (sourceId) => {
    if (!cache.has(sourceId)) {
      const request = fetchJson(options.endpoint, `/api/sources/${encodeURIComponent(sourceId)}`);
      request.catch(() => cache.delete(sourceId));
      cache.set(sourceId, request);
    }
    return cache.get(sourceId);
  };

  const showReference = (n) => {
    const target = body.querySelector(`[data-reference="${n}"]`);
    if (!target) return;
    body.querySelectorAll('.reference--target').forEach((node) => node.classList.remove('reference--target'));
    target.classList.add('reference--target');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  };

  /**
   * Shows the document, or for a paged source the cited page only (through the quote's end if it runs onto the
   * next page): offsets stay those of the whole text, so the highlight is `text.slice(start, end)` as everywhere.
   */
  const render = (source, citation) => {
    const text = source.text;
    const page = pageAt(source, citation.start);
    const from = page ? page.start : 0;
    const to = page ? Math.max(page.end, citation.end) : text.length;
    const references = new Map((source.references || []).map((reference) => [reference.n, reference.text]));
    const footnotes = { hasReference: (n) => references.has(n), onFootnote: showReference };
    const article = element(document, 'div', 'source-document');

    // Headings of the document, drawn bold; the text itself is shown exactly as indexed so offsets hold.
    const headings = (source.sections || [])
      .filter((section) => section.level >= 1)
      .map((section) => {
        const lineEnd = text.indexOf('\n', section.start);
        return { start: section.start, end: lineEnd === -1 ? section.end : lineEnd };
      })
      .filter((range) => range.end <= citation.start || range.start >= citation.end);

    const appendPlain = (from, to) => {
      let cursor = from;
      for (const range of headings) {
        if (range.end <= cursor || range.start >= to) continue;
        if (range.start > cursor) article.appendChild(document.createTextNode(text.slice(cursor, range.start)));
        const headingText = text.slice(Math.max(range.start, cursor), Math.min(range.end, to));
        const strong = element(document, 'strong', 'source-document__heading');
        const edit = headingText.match(/\[edit\]$/);
        if (edit) {
          strong.append(document.createTextNode(headingText.slice(0, -edit[0].length)));
          const suffix = element(document, 'span', 'source-document__edit', edit[0]);
          suffix.setAttribute('aria-hidden', 'true');
          strong.append(suffix);
        } else strong.textContent = headingText;
        article.appendChild(strong);
        cursor = Math.min(range.end, to);
      }
      if (cursor < to) article.appendChild(document.createTextNode(text.slice(cursor, to)));
    };

    appendPlain(from, citation.start);
    const mark = element(document, 'mark', 'quote-highlight');
    mark.tabIndex = -1;
    mark.dataset.start = String(citation.start);
    mark.dataset.end = String(citation.end);
    appendWithFootnotes(mark, text.slice(citation.start, citation.end), footnotes);
    article.appendChild(mark);
    appendPlain(citation.end, to);

    const parts = [article];
    if (references.size > 0) {
      const section = element(document, 'section', 'source-references');
      section.setAttribute('aria-label', 'References');
      section.append(element(document, 'h3', 'source-references__title', 'References'));
      const list = element(document, 'ol', 'source-references__list');
      for (const [n, referenceText] of references) {
        const item = element(document, 'li', 'reference', referenceText);
        item.value = n;
        item.dataset.reference = String(n);
        item.tabIndex = -1;
        list.append(item);
      }
      section.append(list);
      parts.push(section);
    }
    body.replaceChildren(...parts);
    return mark;
  };

  return {
    async open(citation, trigger) {
      lastTrigger = trigger;
      eyebrow.textContent = `Source [${citation.n}]`;
      title.textContent = citation.title;
      sectionLine.textContent = citation.section ? `Section: ${citation.section}` : '';
      const url = originalUrl(citation);
      original.hidden = !url;
      original.textContent = 'Open in the original ↗';
      if (url) original.href = url;
      body.replaceChildren(element(document, 'p', 'source-viewer__loading', 'Loading the document…'));
      if (!dialog.open) dialog.showModal();
      try {
        const source = await loadSource(citation.sourceId);
        const section = sectionAt(source, citation.start);
        if (!citation.section && section) sectionLine.textContent = `Section: ${section.title}`;
        const page = citation.page || (pageAt(source, citation.start) || {}).number;
        if (page) sectionLine.textContent = `${sectionLine.textContent ? `${sectionLine.textContent} · ` : ''}Page ${page}`;
        if (source.original) {
          // The file itself; a PDF opens in the browser's viewer on the cited page.
          original.href = `${options.endpoint}${source.original.url}${page && source.original.contentType === 'application/pdf' ? `#page=${page}` : ''}`;
          original.textContent = page ? `Open the original on page ${page} ↗` : 'Open the original ↗';
          original.hidden = false;
        }
        const mark = render(source, citation);
        mark.scrollIntoView({ block: 'center' });
        mark.focus({ preventScroll: true });
      } catch (error) {
        const problem = element(document, 'p', 'source-viewer__error', error instanceof Error ? error.message : 'The document could not be loaded.');
        problem.setAttribute('role', 'alert');
        body.replaceChildren(problem);
      }
    },
  };
}
