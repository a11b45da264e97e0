import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { UnansweredQuestions } from '../src/core/answers/unansweredQuestions';
import { stripControlCharacters } from '../src/core/text/controlCharacters';

/** `npm run report:unanswered`: the questions the bot declined, most asked first, anonymized. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { limit: { type: 'string', default: '50' } } });
  const config = loadConfig();
  const unanswered = new UnansweredQuestions(join(config.inquiries.dataDir, 'unanswered.json'), {
    retentionDays: config.unanswered.retentionDays,
  });
  const entries = await unanswered.top(Number(values.limit));
  if (entries.length === 0) process.stdout.write('No unanswered questions recorded yet.\n');
  for (const e of entries) {
    const reasons = Object.entries(e.reasons)
      .map(([reason, n]) => `${reason}×${n}`)
      .join(' ');
    // Entries recorded by earlier versions may hold control characters: never print them raw.
    const question = stripControlCharacters(e.question);
    const language = stripControlCharacters(String(e.language));
    process.stdout.write(
      `${String(e.count).padStart(5)}  ${language}  ${question}   (${stripControlCharacters(reasons)}; ` +
        `last ${stripControlCharacters(String(e.lastSeen)).slice(0, 10)})\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${stripControlCharacters((error as Error).message)}\n`);
  process.exit(1);
});
