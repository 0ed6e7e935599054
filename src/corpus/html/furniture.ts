import type { AnyNode, Document as DomDocument, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { findAll, findOne, getAttributeValue, hasAttrib } from 'domutils';

/**
 * Elements whose content is never answer material: site chrome, scripts and styling, embedded media and widgets,
 * forms and their controls.
 */
const DROPPED_ELEMENTS = new Set([
  'head', 'nav', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object',
  'canvas', 'form', 'button', 'select', 'textarea', 'input',
]);

/** ARIA landmark roles of page chrome (the site banner, navigation, footer and search box). */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search']);

const HEADING = /^h[1-6]$/;

/**
 * Class names of page chrome that generators put around or inside the content: sidebars and tables of contents,
 * breadcrumbs, previous/next links, dropdown menus, search boxes, "edit this page" links, print-only copies of the
 * page (shown only on paper, a duplicate on screen), heading permalinks (Sphinx/MkDocs `headerlink` ¶, Docusaurus
 * `hash-link` #, VitePress `header-anchor`), code line-number gutters (`linenos`, `line-numbers-rows`) and source links.
 */
const CHROME_CLASS =
  /^(?:sidebar|sphinxsidebar(?:wrapper)?|bd-sidebar(?:-\w+)?|toc|tocsection|table-of-contents|breadcrumbs?|prev-next(?:-\w+)?|pagination(?:-nav)?|pager|related|dropdown-menu|searchbox|search-button|skip-?link|edit-?(?:this-?)?page(?:-link)?|theme-edit-this-page|onlyprint|only-print|print-only|visible-print(?:-block)?|headerlink|header-anchor|hash-link|anchorjs-link|heading-anchor|anchor-link|permalink|self-link|linenos|lineno|line-numbers-rows|gutter|viewcode-link|viewcode-back|copybtn|copy-button)$/;
/** A heading permalink's whole text: a symbol (¶ § # 🔗) or nothing. */
const PERMALINK_TEXT = /^[\s\u200b#¶§🔗⚓↑↩^]*$/u;

/**
 * A list (or a div) is a link list — navigation, a table of contents, breadcrumbs, a language switcher — when at
 * least this share of its visible characters is link text. Prose that cites sources stays well below it (a
 * sentence around a link carries most of the characters); a link list reaches 90-100%, the bullets and separators
 * being the rest. 0.8 leaves room for separators ("Home › Guides › HTTP") and short labels ("Languages:").
 */
const LINK_LIST_LINK_SHARE = 0.8;
/** …and has at least this many links: one or two links alone are a reference ("see X and Y"), not a menu. */
const LINK_LIST_MIN_LINKS = 3;

/** Whether `node` lies inside `ancestor`. */
function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent === ancestor) return true;
  return false;
}

/** The element the page's content lives in: `<main>` (or `role=main`), else its one `<article>`, else the body. */
export function mainContent(dom: DomDocument): AnyNode[] {
  // HTML allows several <main> elements (all but one hidden, which furniture drops): every one counts.
  const mains = findAll((element) => element.name === 'main' || attribute(element, 'role') === 'main', dom.children);
  const outermost = mains.filter((main) => !mains.some((other) => other !== main && contains(other, main)));
  if (outermost.length > 0) return outermost;
  const articles = findAll((element) => element.name === 'article', dom.children);
  if (articles.length === 1) return [articles[0]!];
  const body = findOne((element) => element.name === 'body', dom.children);
  return body ? body.children : dom.children;
}

/**
 * Page chrome that is dropped with everything inside it: the elements above, hidden elements, chrome landmarks,
 * and a `<header>` that holds no heading (a site banner; an article's header with its `<h1>` stays).
 */
export function isFurniture(element: Element): boolean {
  if (DROPPED_ELEMENTS.has(element.name)) return true;
  if (hasAttrib(element, 'hidden') || attribute(element, 'aria-hidden') === 'true') return true;
  const role = attribute(element, 'role');
  if (role && role.split(/\s+/).some((token) => CHROME_ROLES.has(token))) return true;
  if (element.name === 'header') return !findOne((child) => HEADING.test(child.name), element.children);
  const classes = attribute(element, 'class');
  if (classes && classes.split(/\s+/).some((token) => CHROME_CLASS.test(token))) return true;
  // A same-page link that shows only a symbol: a heading's permalink or a note's link back to its mark ("↑", "^"),
  // whatever its class.
  if (element.name === 'a' && (getAttributeValue(element, 'href') ?? '').startsWith('#') && PERMALINK_TEXT.test(textOf(element))) return true;
  return false;
}

function textOf(element: Element): string {
  let text = '';
  for (const node of element.children) {
    if (isText(node)) text += node.data;
    else if (isTag(node)) text += textOf(node);
  }
  return text;
}

/** A list or div that is mostly links (see the thresholds above): navigation, not content. */
export function isLinkList(element: Element): boolean {
  if (!['ul', 'ol', 'menu', 'div'].includes(element.name)) return false;
  const summary = summaryOf(element);
  // A div with headings, tables or code is a content section that happens to hold links, not a menu.
  if (element.name === 'div' && summary.holdsSections) return false;
  if (summary.links < LINK_LIST_MIN_LINKS) return false;
  // Visible text: text children, and the text of every child element that is not itself furniture.
  let total = 0;
  for (const node of element.children) {
    if (isText(node)) total += visibleChars(node.data);
    else if (isTag(node) && !isFurniture(node)) total += summaryOf(node).text;
  }
  return total > 0 && summary.linkText / total >= LINK_LIST_LINK_SHARE;
}

/** What `isLinkList` reads of an element, computed once per element from its children's: asked at every nesting
 * level of a page, reading every descendant each time was quadratic in the depth. */
interface ElementSummary {
  /** Non-space characters of all its text. */
  text: number;
  /** `<a>` elements inside it. */
  links: number;
  /** Non-space characters inside those links (links that are furniture aside). */
  linkText: number;
  /** It holds a heading, a table or code. */
  holdsSections: boolean;
}

const summaries = new WeakMap<Element, ElementSummary>();

function summaryOf(element: Element): ElementSummary {
  const known = summaries.get(element);
  if (known) return known;
  const summary: ElementSummary = { text: 0, links: 0, linkText: 0, holdsSections: false };
  for (const node of element.children) {
    if (isText(node)) summary.text += visibleChars(node.data);
    else if (isTag(node)) {
      const child = summaryOf(node);
      summary.text += child.text;
      summary.links += child.links + (node.name === 'a' ? 1 : 0);
      summary.linkText += child.linkText + (node.name === 'a' && !isFurniture(node) ? child.text : 0);
      summary.holdsSections ||= child.holdsSections || HEADING.test(node.name) || node.name === 'table' || node.name === 'pre';
    }
  }
  summaries.set(element, summary);
  return summary;
}

const visibleChars = (text: string) => text.replace(/\s+/g, '').length;

/** An attribute's value, lower-cased and trimmed (for roles, rels and other keywords). */
export function attribute(element: Element, name: string): string | undefined {
  return getAttributeValue(element, name)?.trim().toLowerCase();
}

