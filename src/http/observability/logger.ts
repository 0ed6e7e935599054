/** The logging seam: one JSON object per line. The server logs through pino (`pino-logger.ts`); tests pass a silent or recording logger. */
export interface Logger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
