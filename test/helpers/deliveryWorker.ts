/**
 * A delivery process for tests: builds the delivery service as the bot does (config from the
 * environment), says "ready", waits for a line on stdin, then attempts every reference given as
 * an argument at once and prints the outcomes as JSON.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config/config';
import { loadKnowledge } from '../../src/core/knowledge/knowledgeLoader';
import { createDelivery } from '../../src/inquiries/deliveryFactory';
import { createLogger } from '../../src/logging/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const delivery = createDelivery(config, loadKnowledge(config.knowledge.dir).contacts, createLogger('silent'));
  const references = process.argv.slice(2);
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  lines.close();
  const outcomes = await Promise.all(references.map((reference) => delivery.attempt(reference)));
  process.stdout.write(`${JSON.stringify(Object.fromEntries(references.map((r, i) => [r, outcomes[i]])))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
