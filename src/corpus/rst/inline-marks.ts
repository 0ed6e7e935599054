/**
 * The most inline-markup openers (`*`, a backquote, `|`, `[`) one paragraph may hold. The compiler's time and memory
 * grow with the square of their number in a paragraph (10,000: 3 s and 370 MB; 50,000: out of memory after two
 * minutes), while prose holds a few dozen; 2,000 costs about 0.15 s. A file beyond it is named and skipped, not
 * allowed to stall or crash the ingest.
 */
export const MAX_INLINE_MARKS_PER_PARAGRAPH = 2000;

/** A line that opens a list item: its text is a paragraph of its own. */
const LIST_ITEM = /^\s*(?:[-*+•‣⁃]|\(?(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)[.)])\s/;
/** A grid or simple table's border or row, or a line block's line: cells and lines are read one by one. */
const TABLE_OR_LINE_BLOCK = /^\s*[+|]|^\s*=+(?:\s+=+)+\s*$/;
/** A line whose following, more indented lines are a literal block or a directive's verbatim body. */
const OPENS_LITERAL = /::\s*$|^\s*\.\.\s+(?:code-block|code|sourcecode|math|raw|highlight|parsed-literal|literalinclude)::/;

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * The number of inline-markup openers in the file's densest paragraph, counted as the compiler parses inline markup:
 * per paragraph, list item and table cell, never in a literal block, which it does not parse.
 */
export function densestParagraphMarks(text: string): number {
  let densest = 0;
  let marks = 0;
  let literalAbove: number | undefined;
  let opensLiteral: number | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      densest = Math.max(densest, marks);
      marks = 0;
      if (opensLiteral !== undefined) literalAbove = opensLiteral;
      opensLiteral = undefined;
      continue;
    }
    const indent = indentOf(line);
    if (literalAbove !== undefined) {
      if (indent > literalAbove) continue;
      literalAbove = undefined;
    }
    if (TABLE_OR_LINE_BLOCK.test(line) || LIST_ITEM.test(line)) {
      densest = Math.max(densest, marks);
      marks = 0;
    }
    if (!TABLE_OR_LINE_BLOCK.test(line)) for (const char of line) if (char === '*' || char === '`' || char === '|' || char === '[') marks += 1;
    // A directive's option lines (`:caption: …`) may come between its first line and the blank line before its body.
    if (OPENS_LITERAL.test(line)) opensLiteral = indent;
    else if (opensLiteral !== undefined && indent <= opensLiteral) opensLiteral = undefined;
  }
  return Math.max(densest, marks);
}
