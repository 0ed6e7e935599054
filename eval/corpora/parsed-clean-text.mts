// Prints, as JSON { "file.pdf": "clean text", … }, the clean text the project's own parser makes of every PDF, Word and
// notebook file in a corpus folder: the text the index stores and the eval locates evidence in (such a file has no raw text to
// copy evidence from). With --all, every file's: the clean text a table row or a smart quote makes differ from the raw file's
// (check-corpus-evals.mjs looks there for evidence the raw text does not hold). Used by check-corpus-evals.mjs.
// usage: npx tsx eval/corpora/parsed-clean-text.mts CORPUS_DIR [--all]
// Anything the parser logs goes to stderr, so stdout is only the JSON.
console.log = console.error;
console.info = console.error;
console.warn = console.error;
const dir = process.argv[2];
const all = process.argv.includes('--all');
if (!dir) {
  console.error('usage: npx tsx eval/corpora/parsed-clean-text.mts CORPUS_DIR');
  process.exit(2);
}
const { loadCorpus } = await import('../../src/corpus/load-corpus.js');
const { documents, skipped } = await loadCorpus(dir);
for (const entry of skipped) console.error(`parsed-clean-text: ${entry.file} left out: ${entry.reason}`);
const texts: Record<string, string> = {};
for (const document of documents) if (all || /\.(pdf|docx|ipynb|epub)(\.gz)?$/i.test(document.file)) texts[document.file] = document.text;
process.stdout.write(JSON.stringify(texts));
