import pino from 'pino';
import type { Logger } from './logger.js';

export interface PinoLoggerOptions {
  level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Where lines go; standard output by default. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
}

/**
 * The production logger: pino, one JSON object per line (`level`, `time`, `msg` and the fields), written
 * synchronously so the lines before a crash or an exit are not lost. It satisfies the `Logger` seam, so the rest of
 * the code never imports pino.
 */
export function createPinoLogger(options: PinoLoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth: these never belong in a log line, whoever adds them to the fields.
      redact: { paths: ['authorization', 'headers.authorization', 'apiKey', '*.apiKey'], censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}
