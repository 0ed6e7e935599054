/**
 * Talks to the API: `POST /api/chat` read as server-sent events (EventSource cannot POST, so the stream is read
 * from fetch), and the JSON routes for sources. Every failure becomes a `ChatError` with a sentence a person can read.
 */

export class ChatError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'ChatError';
    this.code = code;
  }
}

/** @param {Response} response */
async function errorFrom(response) {
  try {
    const body = await response.json();
    if (body && body.error && typeof body.error.message === 'string') return new ChatError(body.error.code || 'error', body.error.message);
  } catch {
    // not JSON: fall through to a message built from the status
  }
  return new ChatError(`http_${response.status}`, `The server answered with status ${response.status}. Please try again.`);
}

/** One `event:`/`data:` block of the stream; comment lines (heartbeats) and unknown fields are ignored. */
function parseBlock(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, data: JSON.parse(data.join('\n')) };
}

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * `fetch` with a readable `ChatError` when the server cannot be reached (an abort by the caller is passed on) and
 * when it answers with an error status.
 */
async function send(url, init, unreachable = UNREACHABLE) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (init.signal && init.signal.aborted) throw error;
    throw new ChatError('network_error', unreachable);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/**
 * Streams an answer: yields `{ event: 'citations' | 'delta' | 'done', data }` in order. Throws `ChatError` for an
 * HTTP error, an `error` event, a lost connection or a stream that ends without `done`.
 * @param {{ endpoint: string, question: string, history: {role: string, content: string}[], signal?: AbortSignal }} options
 */
export async function* streamChat(options) {
  const response = await send(`${options.endpoint}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ question: options.question, history: options.history }),
    signal: options.signal,
  });
  if (!response.body) throw await errorFrom(response);

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let finished = false;
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal && options.signal.aborted) throw error;
        throw new ChatError('network_error', 'The connection was lost while the answer was arriving. Please try again.');
      }
      if (chunk.done) break;
      buffer += chunk.value.replace(/\r\n?/g, '\n');
      let boundary;
      while ((boundary = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event = parseBlock(block);
        if (!event) continue;
        if (event.event === 'error') {
          const error = event.data && event.data.error ? event.data.error : {};
          throw new ChatError(error.code || 'error', error.message || 'The server could not finish the answer.');
        }
        yield event;
        if (event.event === 'done') finished = true;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (!finished) throw new ChatError('incomplete', 'The answer stopped before it was complete. Please try again.');
}

/** GET a JSON route; throws `ChatError` with the server's message. */
export async function fetchJson(endpoint, path) {
  const response = await send(`${endpoint}${path}`, { headers: { accept: 'application/json' } });
  return response.json();
}

/**
 * Rates an answer (`POST /api/feedback`): `rating` is "up" or "down". Resolves to the stored rating; throws
 * `ChatError` with a readable sentence when it cannot be saved.
 * @param {{ endpoint: string, answerId: string, rating: 'up' | 'down' }} options
 */
export async function sendFeedback(options) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ answerId: options.answerId, rating: options.rating }),
  };
  const response = await send(`${options.endpoint}/api/feedback`, init, 'Could not reach the server to save your rating.');
  return response.json();
}
