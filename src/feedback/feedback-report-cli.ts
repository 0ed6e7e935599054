import 'dotenv/config';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { formatFeedbackReport } from './format-feedback-report.js';
import { FEEDBACK_DATABASE_FILE, openSqliteFeedbackStore } from './sqlite-feedback-store.js';

/** `npm run feedback:report [-- --json] [-- --recent N]`: counts of thumbs up and down, by mode, and recent comments. */
function main(): void {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const recentIndex = args.indexOf('--recent');
  const recentComments = recentIndex >= 0 ? Number(args[recentIndex + 1]) : undefined;
  if (recentComments !== undefined && (!Number.isInteger(recentComments) || recentComments < 0)) {
    throw new Error('--recent needs a whole number, e.g. --recent 20.');
  }
  if (!existsSync(path.join(config.dataDir, FEEDBACK_DATABASE_FILE))) {
    console.log(
      `No feedback yet: ${path.join(config.dataDir, FEEDBACK_DATABASE_FILE)} does not exist (start the server and rate an answer; DATA_DIR sets the folder).`,
    );
    return;
  }
  const store = openSqliteFeedbackStore({ dataDir: config.dataDir });
  try {
    const summary = store.summarise(recentComments === undefined ? {} : { recentComments });
    console.log(args.includes('--json') ? JSON.stringify(summary, null, 2) : formatFeedbackReport(summary, config.dataDir));
  } finally {
    store.close();
  }
}

try {
  main();
} catch (error) {
  console.error(`feedback:report failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
