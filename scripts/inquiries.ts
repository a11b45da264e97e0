import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import type { RecordProblemEvents } from '../src/core/contact/inquiryStore';
import { loadKnowledge } from '../src/core/knowledge/knowledgeLoader';
import { stripControlCharacters as clean } from '../src/core/text/controlCharacters';
import { createDelivery, createInquiryStore, loggedRecordProblems } from '../src/inquiries/deliveryFactory';
import { createLogger } from '../src/logging/logger';

const usage = `Usage:
  npm run inquiries -- list [--status pending|sent|failed] [--details]
  npm run inquiries -- retry PE-XXXXXX [--force]`;

/** Records the store sets aside while listing, said on stderr so the listing stays parseable. */
const printedProblems: RecordProblemEvents = {
  quarantined: (file, reason) => process.stderr.write(`${clean(file)}: ${reason}; moved to the quarantine folder\n`),
  unreadable: (file, error) =>
    process.stderr.write(`${clean(file)}: could not be read: ${clean(String((error as Error).message))}\n`),
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Lists stored inquiries with their delivery status, or retries one now. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      details: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const [command, reference] = positionals;
  const config = loadConfig();
  if (command === 'list') {
    const store = createInquiryStore(config, printedProblems);
    const now = new Date();
    const rows = (await store.list()).filter((s) => !values.status || s.inquiry.status === values.status);
    for (const { inquiry: i } of rows) {
      // A pending inquiry under a live lease is being sent right now.
      const sending = i.status === 'pending' && i.leaseUntil !== undefined && new Date(i.leaseUntil) > now;
      const line = [i.reference, (sending ? 'sending' : i.status).padEnd(7), `attempts=${i.attempts}`, i.createdAt];
      line.push(`to=${i.contactId}`);
      if (sending) line.push(`lease=${i.leaseUntil}`);
      else if (i.status === 'pending') line.push(`next=${i.nextAttemptAt}`);
      if (i.lastError) line.push(`error="${i.lastError}"`);
      if (values.details) line.push(`from="${i.requester.name} <${i.requester.email}>"`);
      process.stdout.write(`${clean(line.join('  '))}\n`);
    }
    const quarantined = await store.listQuarantined();
    const where =
      config.storage.kind === 'blob'
        ? 'inquiries/quarantine/'
        : join(config.inquiries.dataDir, 'inquiries', 'quarantine');
    process.stdout.write(
      `${plural(rows.length, 'inquiry', 'inquiries')}, ${plural(quarantined.length, 'record', 'records')} ` +
        `quarantined${quarantined.length ? ` in ${where}: ${clean(quarantined.join(' '))}` : ''}\n`,
    );
    return 0;
  }
  if (command === 'retry' && reference) {
    const kb = loadKnowledge(config.knowledge.dir);
    const logger = createLogger('warn');
    const store = createInquiryStore(config, loggedRecordProblems(logger));
    const delivery = createDelivery(config, kb.contacts, logger, { inquiryStore: store });
    const outcome = await delivery.retry(reference, { force: values.force });
    if (outcome === 'held') {
      const until = (await store.get(reference))?.inquiry.leaseUntil;
      process.stderr.write(
        `${reference} is being sent by another process${until ? ` (its lease runs until ${until})` : ''}. ` +
          'Try again later, or pass --force if that process has stopped: if it is still sending, ' +
          'the contact receives the message twice.\n',
      );
    }
    process.stdout.write(`${reference}: ${outcome}\n`);
    return outcome === 'sent' ? 0 : 1;
  }
  process.stderr.write(`${usage}\n`);
  return 2;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${clean(String((error as Error).message))}\n`);
    process.exit(1);
  });
