import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[]; [key: string]: unknown };
}

/** What the fake model does with a request: reply with text, fail with a status, or never answer. */
export type FakeBehaviour = { kind: 'reply'; text: string } | { kind: 'status'; status: number; body?: unknown } | { kind: 'hang' } | { kind: 'garbage' };

export interface FakeOpenAiServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Sets the behaviour, or a function of the request for per-request replies. */
  respond(behaviour: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour)): void;
  close(): Promise<void>;
}

/**
 * A minimal OpenAI-compatible chat completions server on 127.0.0.1 for tests: records every request and replies
 * as told, in the non-streaming JSON format or as SSE chunks when `stream: true`.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  let behaviour: FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour) = { kind: 'reply', text: 'NOT_IN_SOURCES' };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const recorded: RecordedRequest = { path: request.url ?? '', body: raw ? (JSON.parse(raw) as RecordedRequest['body']) : {} };
      requests.push(recorded);
      const current = typeof behaviour === 'function' ? behaviour(recorded) : behaviour;
      if (current.kind === 'hang') {
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      }
      if (current.kind === 'status') {
        response.writeHead(current.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(current.body ?? { error: { message: 'fake failure', type: 'server_error' } }));
        return;
      }
      if (current.kind === 'garbage') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"this is not": "a completion"');
        return;
      }
      const created = Math.floor(Date.now() / 1000);
      if (recorded.body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const pieces = current.text.match(/\S+\s*/g) ?? [current.text];
        for (const piece of pieces) {
          response.write(
            `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model: recorded.body.model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`,
          );
        }
        response.write(
          `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model: recorded.body.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
        );
        response.end('data: [DONE]\n\n');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created,
          model: recorded.body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: current.text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respond(next) {
      behaviour = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The first sentence (without its stop) of passage `n` shown in a request: what a faithful model would restate. */
export function firstSentenceOf(request: RecordedRequest, n: number): string {
  const user = request.body.messages!.at(-1)!.content;
  const passage = new RegExp(`<passage n="${n}"[^>]*>\\n([^.]+)\\.`).exec(user);
  if (!passage) throw new Error(`the request shows no passage ${n}`);
  return passage[1]!.trim();
}
