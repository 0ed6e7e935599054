import 'dotenv/config';
import { parseArgs } from 'node:util';
import type { Answer } from '../answer/answer-types.js';
import { AskRequestSchema, describeIssue } from '../http/wire/ask-request.js';
import { formatAnswer } from './format-answer.js';

const USAGE = `Usage: npm run ask -- "question" [--json] [--url http://host:port] [--top-k N]
  (or: cite-ask "question" …)
  --json        print the raw JSON response
  --url URL     ask a running server instead of the local index
  --top-k N     passages to retrieve (1-20)`;

/** How long to wait for a server before giving up; an extractive answer takes well under a second. */
const SERVER_TIMEOUT_MS = 60_000;

/** A failure with the exit code it deserves: 2 for a bad command line, 1 for anything else. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

interface AskArguments {
  question: string;
  json: boolean;
  url: string | undefined;
  topK: number | undefined;
}

function parseArguments(argv: string[]): AskArguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, url: { type: 'string' }, 'top-k': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (parsed.values.help) return 'help';
  const topK = parsed.values['top-k'] === undefined ? undefined : Number(parsed.values['top-k']);
  const checked = AskRequestSchema.safeParse({ question: parsed.positionals.join(' '), ...(topK === undefined ? {} : { topK }) });
  if (!checked.success) throw new CliError(`${describeIssue(checked.error)}\n${USAGE}`, 2);
  const url = parsed.values.url;
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) throw new CliError(`--url must be an http(s) URL like http://localhost:3000, got "${url}".`, 2);
  return { question: checked.data.question, json: Boolean(parsed.values.json), url: url?.replace(/\/+$/, ''), topK: checked.data.topK };
}

async function askServer(url: string, question: string, topK: number | undefined): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, ...(topK === undefined ? {} : { topK }) }),
      signal: AbortSignal.timeout(SERVER_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError' ? `no answer within ${SERVER_TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new CliError(`Could not reach ${url} (${reason}). Is the server running (npm start)?`, 1);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliError(`${url} answered ${response.status} with something that is not JSON; is it this assistant's server?`, 1);
  }
  if (!response.ok) {
    const message = (body as { error?: { message?: string } }).error?.message ?? text.slice(0, 200);
    throw new CliError(`The server answered ${response.status}: ${message}`, 1);
  }
  return body as Answer;
}

async function askLocally(question: string, topK: number | undefined): Promise<Answer> {
  // Loaded only here: the encoder and index code take seconds to import, and --url or a usage error need none of it.
  const [{ loadConfig }, { createEmbedder }, { ensureIndex }, { createAnswerer }, { fileIndexReader }] = await Promise.all([
    import('../config.js'),
    import('../embeddings/create-embedder.js'),
    import('../ingest/ensure-index.js'),
    import('../answer/create-answerer.js'),
    import('../store/file-index-reader.js'),
  ]);
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  const reader = fileIndexReader(await ensureIndex(config, embedder, (line) => process.stderr.write(`${line}\n`)));
  const answerer = await createAnswerer(
    config,
    () => reader,
    (reason) => process.stderr.write(`note: the language model ${reason}; answering extractively\n`),
  );
  return answerer.answer({ question, history: [], topK: topK ?? config.retrieval.topK });
}

/** `npm run ask -- "question"`: answers from the local index (no server needed) or from `--url`. */
async function main(): Promise<void> {
  const parsed = parseArguments(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const answer = parsed.url ? await askServer(parsed.url, parsed.question, parsed.topK) : await askLocally(parsed.question, parsed.topK);
  console.log(parsed.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
}

main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
});
