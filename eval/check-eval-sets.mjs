#!/usr/bin/env node
// Validates every eval/*.jsonl file against the corpus.
// Usage: node eval/check-eval-sets.mjs   (exit code 1 on any problem)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const evalDir = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(evalDir, '..', 'corpus');

const TYPES = ['factoid', 'paraphrase', 'multi', 'list', 'conflict', 'unanswerable', 'offtopic', 'injection', 'followup'];
const ABSTAIN = new Set(['unanswerable', 'offtopic', 'injection']);

const corpusFiles = readdirSync(corpusDir)
  .filter((f) => /\.(txt|md)$/i.test(f))
  .sort();
if (corpusFiles.length === 0) {
  console.error(`No .txt/.md corpus files found in ${corpusDir}`);
  process.exit(1);
}
const corpusTexts = corpusFiles.map((f) => readFileSync(join(corpusDir, f), 'utf8'));

// Loose normalisation for the answer-presence check: lower-case, [n] markers removed,
// hyphens/dashes/slashes and whitespace collapsed to single spaces, curly quotes straightened.
const norm = (s) =>
  s
    .toLowerCase()
    .replace(/\[\d+\]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[-‐‑‒–—/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const corpusNorm = corpusTexts.map(norm);

const errors = [];
const warnings = [];
const seenIds = new Map();
const stats = {};

const files = readdirSync(evalDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
if (files.length === 0) errors.push(`No .jsonl files in ${evalDir}`);

const isStrArray = (a) => Array.isArray(a) && a.every((x) => typeof x === 'string');

for (const file of files) {
  const lines = readFileSync(join(evalDir, file), 'utf8').split('\n');
  stats[file] = {};
  lines.forEach((line, idx) => {
    if (line.trim() === '') return;
    const where = `${file}:${idx + 1}`;
    let o;
    try {
      o = JSON.parse(line);
    } catch (e) {
      errors.push(`${where}: invalid JSON (${e.message})`);
      return;
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      errors.push(`${where}: line is not a JSON object`);
      return;
    }
    const label = `${where} [${o.id ?? '?'}]`;
    if (typeof o.id !== 'string' || !o.id.trim()) errors.push(`${label}: missing/empty string "id"`);
    else if (seenIds.has(o.id)) errors.push(`${label}: duplicate id (first seen at ${seenIds.get(o.id)})`);
    else seenIds.set(o.id, where);

    if (!TYPES.includes(o.type)) errors.push(`${label}: type ${JSON.stringify(o.type)} not in [${TYPES.join(', ')}]`);
    if (typeof o.question !== 'string' || !o.question.trim()) errors.push(`${label}: missing/empty string "question"`);
    if (!isStrArray(o.answers)) errors.push(`${label}: "answers" must be an array of strings`);
    if (!isStrArray(o.evidence)) errors.push(`${label}: "evidence" must be an array of strings`);
    if (o.history !== undefined) {
      if (
        !Array.isArray(o.history) ||
        o.history.some((t) => !t || !['user', 'assistant'].includes(t.role) || typeof t.content !== 'string' || !t.content.trim())
      )
        errors.push(`${label}: "history" must be an array of {role: "user"|"assistant", content: non-empty string}`);
    }
    if (o.type === 'followup' && !(Array.isArray(o.history) && o.history.length > 0)) errors.push(`${label}: followup item needs a non-empty "history"`);
    stats[file][o.type] = (stats[file][o.type] ?? 0) + 1;
    if (!isStrArray(o.answers) || !isStrArray(o.evidence)) return;

    if (o.answers.some((a) => !a.trim())) errors.push(`${label}: empty answer string`);
    if (o.evidence.some((e) => !e.trim())) errors.push(`${label}: empty evidence string`);

    for (const ev of o.evidence) {
      if (!corpusTexts.some((t) => t.includes(ev))) errors.push(`${label}: evidence not found verbatim in corpus: ${JSON.stringify(ev)}`);
    }

    if (ABSTAIN.has(o.type)) {
      if (o.answers.length || o.evidence.length) errors.push(`${label}: ${o.type} item must have empty answers and evidence`);
      return;
    }
    if (o.answers.length < 1) errors.push(`${label}: answerable item needs at least one answer`);
    if (o.evidence.length < 1) errors.push(`${label}: answerable item needs at least one evidence span`);
    if (o.type === 'conflict') {
      if (o.answers.length < 2) errors.push(`${label}: conflict item needs both conflicting values in answers`);
      if (o.evidence.length < 2) errors.push(`${label}: conflict item needs both evidence spans`);
    }
    const evNorm = o.evidence.map(norm);
    const found = (a) => {
      const n = norm(a);
      return n && (corpusNorm.some((t) => t.includes(n)) || evNorm.some((e) => e.includes(n)));
    };
    if (o.type === 'conflict') {
      for (const a of o.answers) if (!found(a)) errors.push(`${label}: conflict value ${JSON.stringify(a)} not found in article/evidence`);
    } else if (o.answers.length && !o.answers.some(found)) {
      errors.push(`${label}: none of the answers ${JSON.stringify(o.answers)} occurs in the article text or evidence`);
    }
    // The held-out split's content is never printed (only errors name its items): reading it would leak into tuning.
    if (!/test/.test(label))
      for (const a of o.answers)
        if (!found(a)) warnings.push(`${label}: answer variant ${JSON.stringify(a)} does not occur in article (ok if it is a paraphrase variant)`);
  });
}

for (const [file, byType] of Object.entries(stats)) {
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  console.log(
    `${file}: ${total} items  ${TYPES.filter((t) => byType[t])
      .map((t) => `${t}=${byType[t]}`)
      .join(' ')}`,
  );
}
console.log(`total ids: ${seenIds.size}; corpus files: ${corpusFiles.join(', ')}`);
for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length) {
  for (const e of errors) console.error(`ERROR: ${e}`);
  console.error(`\n${errors.length} error(s) found.`);
  process.exit(1);
}
console.log('OK: all eval sets valid.');
