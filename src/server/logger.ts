/** The logging seam: one JSON object per line. Tests pass a silent or recording logger. */
export interface Logger {
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

export function createJsonLogger(stream: NodeJS.WritableStream = process.stdout): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    stream.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...(message ? { msg: message } : {}), ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
