import type { FeedbackSummary } from './feedback-store.js';

/** Longest question or comment shown on one report line. */
const LINE_LIMIT = 160;

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LINE_LIMIT ? `${flat.slice(0, LINE_LIMIT - 1)}…` : flat;
};

const share = (up: number, down: number) => (up + down === 0 ? 'n/a' : `${Math.round((100 * up) / (up + down))}% up`);

/** The plain-text report printed by `npm run feedback:report`. */
export function formatFeedbackReport(summary: FeedbackSummary, dataDir: string): string {
  const { up, down } = summary.ratings;
  const lines = [`Feedback in ${dataDir}`, `answers served: ${summary.answers}; ratings: ${up + down} (up ${up}, down ${down}, ${share(up, down)})`];
  const modes = Object.entries(summary.byMode);
  if (modes.length) {
    lines.push('by mode:');
    for (const [mode, counts] of modes) lines.push(`  ${mode.padEnd(10)} up ${counts.up}, down ${counts.down} (${share(counts.up, counts.down)})`);
  }
  if (summary.recentComments.length) {
    lines.push('recent comments (newest first):');
    for (const entry of summary.recentComments) {
      lines.push(`  [${entry.rating === 'up' ? '+' : '-'}] ${entry.createdAt} ${entry.mode} answer ${entry.answerId}`);
      lines.push(`      Q: ${clip(entry.question)}`);
      lines.push(`      comment: ${clip(entry.comment ?? '')}`);
    }
  } else {
    lines.push('no comments yet.');
  }
  return lines.join('\n');
}
