import { createApp } from './app';
import { loadConfig } from './config/config';
import { AppError, ErrorCodes } from './core/errors';
import { createLogger } from './logging/logger';

/** The composition root: reads config once, builds the app, serves until told to stop. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  // Node would print an uncaught error with every property attached to it (a dialog's state
  // among them): log it like any other error, through the logger's serializer, and stop.
  const fatal = (kind: string) => (error: unknown) => {
    logger.fatal({ code: ErrorCodes.internal, err: error }, kind);
    process.exit(1);
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
  let app;
  try {
    app = createApp(config, logger);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.fatal({ code: error.code, problems: error.problems }, error.message);
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const address = await app.start();
  if (config.botAuth) {
    logger.info({ host: address.address, port: address.port, appType: config.botAuth.appType }, 'listening');
  } else if (config.server.allowUnauthenticated) {
    logger.warn(
      { host: address.address, port: address.port, setting: 'ALLOW_UNAUTHENTICATED' },
      'ALLOW_UNAUTHENTICATED=true: no MicrosoftAppId, requests are not authenticated, and this interface may be ' +
        'reachable from other machines',
    );
  } else {
    logger.warn(
      { host: address.address, port: address.port },
      'local mode: no MicrosoftAppId, requests are not authenticated; listening on loopback only',
    );
  }
  process.stdout.write(`USAID Peru bot listening on http://${address.address}:${address.port}/api/messages\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing turns in progress, then stopping');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The bot could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
