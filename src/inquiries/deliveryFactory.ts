import { join } from 'node:path';
import type { AppConfig } from '../config/config';
import { DeliveryService } from '../core/contact/deliveryService';
import type { Mailer } from '../core/contact/inquiryMail';
import { ignoreRecordProblems, type InquiryStore, type RecordProblemEvents } from '../core/contact/inquiryStore';
import { ErrorCodes } from '../core/errors';
import type { Contact } from '../core/knowledge/knowledgeTypes';
import type { Logger } from '../logging/logger';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobInquiryStore } from './blobInquiryStore';
import { BlobLimitRecords } from './blobLimitRecords';
import { FileInquiryStore } from './fileInquiryStore';
import { FileLimitRecords } from './fileLimitRecords';
import { type LimitRecords, SendLimiter } from '../core/contact/sendLimits';
import { OutboxMailer, SmtpMailer } from './mailers';

/** Logs records a store cannot use by their file name: a reference, never what the record holds. */
export function loggedRecordProblems(logger: Logger): RecordProblemEvents {
  return {
    quarantined: (file, reason) =>
      logger.error(
        { code: ErrorCodes.inquiryQuarantined, file, reason },
        'inquiry record could not be parsed; moved to the quarantine, other inquiries go on',
      ),
    unreadable: (file, error) =>
      logger.warn(
        { code: ErrorCodes.inquiryUnreadable, file, err: error },
        'inquiry record could not be read; skipped until the next poll',
      ),
  };
}

/** The store of inquiries the config asks for: Blob storage when shared, else files under DATA_DIR. */
export function createInquiryStore(
  config: AppConfig,
  problems: RecordProblemEvents = ignoreRecordProblems,
): InquiryStore {
  if (config.storage.kind === 'blob') {
    const service = BlobServiceClient.fromConnectionString(config.storage.connectionString);
    return new BlobInquiryStore(service.getContainerClient(config.storage.container), problems);
  }
  return new FileInquiryStore(join(config.inquiries.dataDir, 'inquiries'), problems);
}

/** Where the caps on sent inquiries are counted: beside the inquiries, in Blob storage or under DATA_DIR. */
export function createLimitRecords(config: AppConfig): LimitRecords {
  if (config.storage.kind === 'blob') {
    const service = BlobServiceClient.fromConnectionString(config.storage.connectionString);
    return new BlobLimitRecords(service.getContainerClient(config.storage.container));
  }
  return new FileLimitRecords(join(config.inquiries.dataDir, 'limits'));
}

/** SMTP when SMTP_URL is set, otherwise the outbox folder under DATA_DIR. */
export function createMailer(config: AppConfig): Mailer {
  const { smtpUrl, smtpTimeoutMs, dataDir } = config.inquiries;
  return smtpUrl ? new SmtpMailer(smtpUrl, smtpTimeoutMs) : new OutboxMailer(join(dataDir, 'outbox'));
}

/** The delivery service with its store, mailer and log events. */
export function createDelivery(
  config: AppConfig,
  contacts: readonly Contact[],
  logger: Logger,
  overrides: { inquiryStore?: InquiryStore; mailer?: Mailer; limitRecords?: LimitRecords } = {},
): DeliveryService {
  const limiter = new SendLimiter(overrides.limitRecords ?? createLimitRecords(config), config.inquiries.caps, {
    overallCapReached: (hour, cap) =>
      logger.warn(
        { code: ErrorCodes.inquiryCapReached, hour, cap },
        'the hourly cap on contact requests was reached; further requests this hour are refused',
      ),
  });
  return new DeliveryService(
    overrides.inquiryStore ?? createInquiryStore(config, loggedRecordProblems(logger)),
    overrides.mailer ?? createMailer(config),
    contacts,
    config.inquiries.delivery,
    {
      sent: (reference, attempts) => logger.info({ reference, attempts }, 'inquiry delivered'),
      retrying: (reference, attempts, error, nextAttemptAt) =>
        logger.warn(
          { code: ErrorCodes.deliveryFailed, reference, attempts, nextAttemptAt, err: error },
          'inquiry not delivered yet; will retry',
        ),
      failed: (reference, attempts, error) =>
        logger.error(
          { code: ErrorCodes.deliveryFailed, reference, attempts, err: error },
          'inquiry delivery gave up; retry it with the inquiries command',
        ),
      backgroundError: (error) =>
        logger.error({ code: ErrorCodes.deliveryFailed, err: error }, 'inquiry delivery loop failed'),
    },
    undefined,
    limiter,
  );
}
