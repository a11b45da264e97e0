import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { UnansweredQuestions } from '../src/core/answers/unansweredQuestions';

/** `npm run report:unanswered`: the questions the bot declined, most asked first, anonymized. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '50' } } });
  const config = loadConfig();
  const entries = await new UnansweredQuestions(join(config.inquiries.dataDir, 'unanswered.json')).top(
    Number(values.limit),
  );
  if (entries.length === 0) process.stdout.write('No unanswered questions recorded yet.\n');
  for (const e of entries) {
    const reasons = Object.entries(e.reasons)
      .map(([reason, n]) => `${reason}×${n}`)
      .join(' ');
    process.stdout.write(
      `${String(e.count).padStart(5)}  ${e.language}  ${e.question}   (${reasons}; last ${e.lastSeen.slice(0, 10)})\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
