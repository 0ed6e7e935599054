#!/usr/bin/env node
// Checks the question sets in this folder against the raw corpus files in ./NAME/ (a PDF, Word or notebook file: the clean text
// the project's parser makes of it, printed by parsed-clean-text.mts, since that is the text the eval locates evidence
// in).
// usage: node check-corpus-evals.mjs [NAME ...]   (default: every NAME.jsonl here; exit 1 on any problem)
// Checks: JSON shape and types; evidence spans are plain prose (no ` * _ [ ] < > { } #), 20-150 characters, and
// occur verbatim in a raw corpus file (or in the clean text the parser makes of it) once whitespace runs are collapsed on both sides; at least one gold answer
// occurs in the corpus (scorer-style normalisation); unanswerable/injection items carry no answers or evidence.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const corporaDir = here;
const TYPES = new Set(['factoid', 'paraphrase', 'multi', 'followup', 'unanswerable', 'offtopic', 'injection']);
const collapse = (s) => s.replace(/\s+/g, ' ').trim();
const norm = (s) => s.toLowerCase().replace(/[’']/g, "'").replace(/[^a-z0-9#.,' ]+/g, ' ').replace(/\s+/g, ' ').trim();
// A folder's PDF and Word files, read through src/corpus (npx tsx on the helper beside this file): { file: clean text }.
const parsedTexts = (dir, ...flags) => JSON.parse(execFileSync('npx', ['tsx', path.join(here, 'parsed-clean-text.mts'), dir, ...flags], {
  cwd: path.resolve(here, '../..'), encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'],
}));
const names = process.argv.slice(2).length ? process.argv.slice(2)
  : fs.readdirSync(here).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, ''));
let problems = 0;
for (const name of names) {
  const dir = path.join(corporaDir, name);
  // Every file but sidecars and dotfiles: a package's doc folder holds plain text named without an extension (README,
  // PROTOCOL.agent) and gzip-compressed files (NEWS.gz), read here decompressed.
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.meta\.json$|^antora\.yml$/i.test(e.name)).map((e) => e.name).sort();
  const isParsed = (f) => /\.(pdf|docx|ipynb|epub)(\.gz)?$/i.test(f);
  const parsed = files.some(isParsed) ? parsedTexts(dir) : {};
  const rawText = (f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    return (/\.gz$/i.test(f) ? gunzipSync(bytes) : bytes).toString('utf8').replace(/\r\n?/g, '\n');
  };
  const raw = files.map((f) => (isParsed(f) ? parsed[f] ?? '' : rawText(f)));
  for (const f of files) if (isParsed(f) && !(f in parsed)) { problems++; console.log(`${name}: ${f} could not be read (see above)`); }
  const flat = raw.map(collapse);
  // Every file's clean text, read once and only when an evidence span is not in the raw text: a table row is read with
  // its header ("Decimal: 9; Keyword: TUBA"), so evidence from a table is written as the index reads it.
  let cleanFlat;
  const inCleanText = (e) => (cleanFlat ??= Object.values(parsedTexts(dir, '--all')).map(collapse)).some((t) => t.includes(collapse(e)));
  const normed = raw.map(norm);
  const lines = fs.readFileSync(path.join(here, `${name}.jsonl`), 'utf8').split('\n').filter((l) => l.trim());
  const counts = {};
  const ids = new Set();
  const bad = (id, msg) => { problems++; console.log(`${name} ${id}: ${msg}`); };
  for (const line of lines) {
    let q;
    try { q = JSON.parse(line); } catch (e) { bad('?', `invalid JSON: ${e.message}`); continue; }
    const id = q.id ?? '?';
    if (ids.has(id)) bad(id, 'duplicate id'); ids.add(id);
    if (!TYPES.has(q.type)) bad(id, `type ${q.type}`);
    counts[q.type] = (counts[q.type] ?? 0) + 1;
    if (typeof q.question !== 'string' || !q.question.trim()) bad(id, 'no question');
    if (!Array.isArray(q.answers) || !Array.isArray(q.evidence)) { bad(id, 'answers/evidence must be arrays'); continue; }
    if (q.type === 'followup' && !(Array.isArray(q.history) && q.history.length && q.history.every((t) => ['user', 'assistant'].includes(t.role) && typeof t.content === 'string' && t.content.trim()))) bad(id, 'followup needs a history');
    if (q.type === 'unanswerable' || q.type === 'offtopic' || q.type === 'injection') {
      if (q.answers.length || q.evidence.length) bad(id, 'unanswerable/offtopic/injection items take answers [] and evidence []');
      continue;
    }
    if (!q.answers.length || !q.evidence.length) bad(id, 'answerable item needs answers and evidence');
    for (const a of q.answers) {
      if (!norm(a)) bad(id, `gold ${JSON.stringify(a)} is empty once normalised (it would match anything)`);
      else if (!normed.some((t) => t.includes(norm(a)))) bad(id, `gold ${JSON.stringify(a)} occurs nowhere in the corpus`);
    }
    for (const e of q.evidence) {
      if (e.length < 20 || e.length > 150) bad(id, `evidence length ${e.length}: ${e}`);
      if (/[`*_\[\]<>{}#]/.test(e)) bad(id, `evidence has markup characters: ${e}`);
      const hits = files.filter((_, i) => flat[i].includes(collapse(e)));
      if (!hits.length && !inCleanText(e)) bad(id, `evidence not found verbatim: ${e}`);
      else if (process.env.VERBOSE) console.log(`${name} ${id}: ${hits.join(',')} <- ${e.slice(0, 60)}`);
    }
  }
  console.log(`${name}: ${lines.length} questions ${JSON.stringify(counts)}`);
}
if (problems) { console.log(`${problems} problem(s)`); process.exit(1); }
console.log('all evidence spans found verbatim');
