import type { Response } from 'express';

/** One server-sent event: a name and a JSON payload. */
export interface SseEvent {
  event: string;
  data: unknown;
}

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

/**
 * Writes one event as `event: <name>\ndata: <json>\n\n`. The name must not contain CR or LF (it would end the field
 * and let a payload forge events); JSON never contains a raw newline, so the data is always a single line. Honours
 * back-pressure: resolves after `drain` when the socket buffer is full.
 */
export async function writeSseEvent(response: Response, event: SseEvent): Promise<void> {
  if (/[\r\n]/.test(event.event)) throw new Error(`SSE event names must not contain CR or LF: ${JSON.stringify(event.event)}`);
  if (response.writableEnded || response.destroyed) return;
  const flushed = response.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  if (!flushed) await waitForDrain(response);
}

/** Writes an SSE comment line, which clients ignore; it keeps idle-timeout proxies from closing a slow stream. */
export function writeSseHeartbeat(response: Response): void {
  if (response.writableEnded || response.destroyed) return;
  response.write(': heartbeat\n\n');
}
