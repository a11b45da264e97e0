import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { loadKnowledge } from '../src/core/knowledge/knowledgeLoader';
import { createDelivery, createInquiryStore } from '../src/inquiries/deliveryFactory';
import { createLogger } from '../src/logging/logger';

const usage = `Usage:
  npm run inquiries -- list [--status pending|sent|failed] [--details]
  npm run inquiries -- retry PE-XXXXXX`;

/** Lists stored inquiries with their delivery status, or retries one now. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { status: { type: 'string' }, details: { type: 'boolean', default: false } },
  });
  const [command, reference] = positionals;
  const config = loadConfig();
  if (command === 'list') {
    const rows = (await createInquiryStore(config).list()).filter(
      (s) => !values.status || s.inquiry.status === values.status,
    );
    for (const { inquiry: i } of rows) {
      const line = [i.reference, i.status.padEnd(7), `attempts=${i.attempts}`, i.createdAt, `to=${i.contactId}`];
      if (i.status === 'pending') line.push(`next=${i.nextAttemptAt}`);
      if (i.lastError) line.push(`error="${i.lastError}"`);
      if (values.details) line.push(`from="${i.requester.name} <${i.requester.email}>"`);
      process.stdout.write(`${line.join('  ')}\n`);
    }
    process.stdout.write(`${rows.length} inquir${rows.length === 1 ? 'y' : 'ies'}\n`);
    return 0;
  }
  if (command === 'retry' && reference) {
    const kb = loadKnowledge(config.knowledge.dir);
    const delivery = createDelivery(config, kb.contacts, createLogger('warn'));
    const outcome = await delivery.retry(reference);
    process.stdout.write(`${reference}: ${outcome}\n`);
    return outcome === 'sent' ? 0 : 1;
  }
  process.stderr.write(`${usage}\n`);
  return 2;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
