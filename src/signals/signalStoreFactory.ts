import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import type { AppConfig } from '../config/config';
import { SignalLog, type SignalLogOptions, type SignalStore } from '../core/signals/signalLog';
import { BlobSignalStore } from './blobSignalStore';
import { FileSignalStore } from './fileSignalStore';

/** Where the config keeps signals: the shared Blob container, or DATA_DIR/signals. */
export function createSignalStore(config: AppConfig): SignalStore {
  if (config.storage.kind === 'blob') {
    const service = BlobServiceClient.fromConnectionString(config.storage.connectionString);
    return new BlobSignalStore(service.getContainerClient(config.storage.container));
  }
  return new FileSignalStore(join(config.inquiries.dataDir, 'signals'));
}

/** The signal log the config asks for, kept as long as unanswered questions are. */
export function createSignalLog(config: AppConfig, options: Pick<SignalLogOptions, 'onError'> = {}): SignalLog {
  return new SignalLog(createSignalStore(config), { retentionDays: config.unanswered.retentionDays, ...options });
}
