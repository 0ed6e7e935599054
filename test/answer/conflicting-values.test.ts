import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerExtractively } from '../../src/answer/extractive-answerer.js';
import { buildTestIndex, type TestIndex } from '../helpers/article-index.js';

// A document that states one quantity twice with different values, far apart (different sections, so different
// chunks), with other figures of other kinds around them.
const DOCUMENT = `# Northshore Harbour Authority

## Overview

The Northshore Harbour Authority is a public body that runs the ports of the northern coast. As of March 2010, the authority had 40 member towns along the coast. It employs some 300 workers in its offices.

## Operations

The authority maintains breakwaters, dredges channels and licenses pilots. Its pilots guide around 12 ships a day into the inner harbour. Maintenance crews inspect the lighthouses every spring.

## Pay

Harbour pilots are paid 15 dollars a day on top of their salary.

## Finance

The authority is funded by harbour dues and by grants from the coastal towns. Its accounts are audited each year by an independent firm.

## History

The authority was created by merging three older port boards. Storms in the winter of 1987 destroyed the old pier, which was rebuilt with public money.

## Membership

As of June 2015, the authority has 42 member towns and 3 observer towns.
`;

let corpusDir: string;
let testIndex: TestIndex;
beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(os.tmpdir(), 'cite-conflict-'));
  await writeFile(path.join(corpusDir, 'harbour.md'), DOCUMENT);
  testIndex = await buildTestIndex(corpusDir);
});
afterAll(async () => {
  await testIndex?.cleanup();
  await rm(corpusDir, { recursive: true, force: true });
});

// One retrieved passage: the second value can only come from the document-wide check.
const ask = (question: string) => answerExtractively(testIndex.reader, { question, history: [], topK: 1 });

describe('a quantity the document states twice', () => {
  it('shows both values, each with its own citation, even when only one passage was retrieved', async () => {
    const answer = await ask('How many member towns does the authority have?');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('40 member towns');
    expect(answer.answer).toContain('42 member towns');
    expect(answer.citations).toHaveLength(2);
    for (const citation of answer.citations)
      expect(testIndex.index.documents.get(citation.sourceId)!.text.slice(citation.start, citation.end)).toBe(citation.quote);
  });

  it('does not pair figures of different things', async () => {
    const answer = await ask('How many ships do the pilots guide into the harbour each day?');
    expect(answer.answer).toContain('12 ships');
    // 300 workers, 40 member towns and the pilots' 15 dollars a day are figures, but not of ships.
    expect(answer.answer).not.toContain('300 workers');
    expect(answer.answer).not.toContain('member towns');
    expect(answer.answer).not.toContain('15 dollars');
  });
});
