import type { Response } from 'express';

/** One named server-sent event: a name and a JSON payload. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Proxies commonly close a connection idle for 60 s (nginx `proxy_read_timeout`, many load balancers); a comment
 * line every 15 s stays well inside that while costing a few bytes.
 */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * Starts a `text/event-stream` response. `X-Accel-Buffering: no` asks nginx-style proxies not to buffer, so each
 * event reaches the browser as it is written.
 */
export function openSseStream(response: Response): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
}

/** Resolves once the socket has room again, or at once if the client is gone (nothing more will be read). */
function waitForDrain(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** Writes one frame unless the response is over; honours back-pressure by resolving after `drain` when the buffer is full. */
async function writeFrame(response: Response, frame: string): Promise<void> {
  if (response.writableEnded || response.destroyed) return;
  const flushed = response.write(frame);
  if (!flushed) await waitForDrain(response);
}

/**
 * Writes one event as `event: <name>\ndata: <json>\n\n`. The name must not contain CR or LF (it would end the field
 * and let a payload forge events); JSON never contains a raw newline, so the data is always a single line.
 */
export async function writeSseEvent(response: Response, event: SseEvent): Promise<void> {
  if (/[\r\n]/.test(event.event)) throw new Error(`SSE event names must not contain CR or LF: ${JSON.stringify(event.event)}`);
  await writeFrame(response, `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/**
 * Writes an unnamed event, `data: <payload>\n\n`, as OpenAI streams do: objects as JSON, a string (the final
 * `[DONE]`) as it is. A string must not contain CR or LF, for the same reason as event names.
 */
export async function writeSseData(response: Response, payload: unknown): Promise<void> {
  if (typeof payload === 'string' && /[\r\n]/.test(payload)) throw new Error(`SSE data lines must not contain CR or LF: ${JSON.stringify(payload)}`);
  await writeFrame(response, `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
}

/** Writes an SSE comment line, which clients ignore; it keeps idle-timeout proxies from closing a slow stream. */
export function writeSseHeartbeat(response: Response): void {
  if (response.writableEnded || response.destroyed) return;
  response.write(': heartbeat\n\n');
}

/** Sends a heartbeat every `intervalMs` until the returned function is called. */
export function startSseHeartbeat(response: Response, intervalMs: number): () => void {
  const timer = setInterval(() => writeSseHeartbeat(response), intervalMs);
  return () => clearInterval(timer);
}
