import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { BotAdapter } from '../bot/adapter';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import restify, { type Request, type Response } from 'restify';
import { ErrorCodes } from '../core/errors';
import { hashId, type Logger } from '../logging/logger';
import { recordTurnOutcomeIn, type TurnOutcomeRecord } from '../bot/turnOutcome';
import { clientAddress } from './clientAddress';
import { MessageRateLimits } from './rateLimiter';
import { activityProblems } from './activityValidation';

export interface HttpServerOptions {
  adapter: BotAdapter;
  /** Checks the Bot Framework token of each request (a no-op in local mode). */
  authentication: BotFrameworkAuthentication;
  bot: ActivityHandler;
  logger: Logger;
  port: number;
  host: string;
  maxBodyBytes: number;
  /** True once everything the bot needs is loaded. */
  isReady: () => boolean;
  /** Registers further routes (the Web Chat page). */
  routes?: (server: restify.Server) => void;
  /** Dependencies /readyz checks, by name (storage). */
  readinessChecks?: Record<string, () => Promise<void>>;
  /** Counts /readyz reports without failing on them (quarantined inquiries). */
  readinessDetail?: () => Promise<Record<string, number>>;
  /** Messages allowed per minute per client address and per conversation. */
  rateLimits: { perClientPerMinute: number; perConversationPerMinute: number };
}

/** The running HTTP server. */
export interface HttpServer {
  server: restify.Server;
  /** Starts listening; resolves with the bound address. */
  start(): Promise<AddressInfo>;
  /** Stops accepting requests, waits up to `graceMs` for turns in progress, then closes. */
  stop(graceMs: number): Promise<void>;
  /** Number of turns being handled right now. */
  inFlight(): number;
}

function sendError(res: Response, status: number, code: string, message: string, problems?: string[]): void {
  res.status(status);
  res.json({ error: { code, message, ...(problems ? { problems } : {}) } });
}

/**
 * The HTTP edge: moves bytes between channels and the adapter. It validates what arrives before
 * the bot sees it, limits body size, and never returns a stack trace.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({
    name: 'usaid-peru-bot',
    handleUncaughtExceptions: false,
    // restify's own warnings go through this logger, with its error serializer and redaction.
    log: logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
  });
  let inFlight = 0;
  let stopping = false;
  const limits = new MessageRateLimits(
    options.rateLimits.perClientPerMinute,
    options.rateLimits.perConversationPerMinute,
  );

  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const requestId = (req.header('x-request-id') || randomUUID()).slice(0, 100);
    res.header('x-request-id', requestId);
    if (stopping) return sendError(res, 503, 'SHUTTING_DOWN', 'The bot is restarting; retry shortly.');
    const problems = activityProblems(req.body);
    if (problems.length > 0) {
      logger.info(
        { requestId, code: ErrorCodes.requestInvalid, problems: problems.length },
        'rejected invalid activity',
      );
      return sendError(
        res,
        400,
        ErrorCodes.requestInvalid,
        'The request is not a valid Bot Framework activity.',
        problems,
      );
    }
    const body = req.body as Activity & { conversation: { id: string } };
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await options.authentication.authenticateRequest(body, req.header('authorization') ?? '');
    } catch (error) {
      // Missing, expired, forged or misaddressed tokens all end here, before the bot sees anything.
      logger.info(
        { requestId, code: ErrorCodes.unauthorized, reason: (error as Error).message?.slice(0, 120) },
        'rejected unauthenticated request',
      );
      return sendError(res, 401, ErrorCodes.unauthorized, 'The request is not authorized.');
    }
    const limited = limits.check(clientAddress(req), body.conversation.id);
    if (!limited.allowed) {
      res.header('Retry-After', String(limited.retryAfterSeconds));
      logger.info(
        { requestId, code: ErrorCodes.rateLimited, conversation: hashId(body.conversation.id) },
        'rate limited',
      );
      return sendError(res, 429, ErrorCodes.rateLimited, 'Too many messages; retry later.');
    }
    const started = process.hrtime.bigint();
    const outcome: TurnOutcomeRecord = {};
    inFlight += 1;
    try {
      const activity = { ...body, timestamp: body.timestamp ? new Date(body.timestamp) : undefined };
      const invokeResponse = await adapter.processAuthenticated(authenticated, activity as Activity, (context) => {
        recordTurnOutcomeIn(context, outcome);
        return bot.run(context);
      });
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    } catch (error) {
      logger.error({ requestId, code: ErrorCodes.turnFailed, err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, ErrorCodes.turnFailed, 'The request could not be processed.');
    } finally {
      inFlight -= 1;
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            requestId,
            conversation: hashId(body.conversation.id),
            channelId: body.channelId,
            activityType: body.type,
            status: res.statusCode,
            latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
            outcome: outcome.outcome,
            detail: outcome.detail,
          },
          'request',
        );
      }
    }
  });

  options.routes?.(server);

  // Alive: the process serves requests.
  server.get('/healthz', async (_req: Request, res: Response) => {
    if (options.isReady()) res.json({ status: 'ok' });
    else sendError(res, 503, 'NOT_READY', 'The bot is still loading.');
  });

  // Ready: the index is loaded and storage answers; a load balancer sends traffic only then.
  server.get('/readyz', async (_req: Request, res: Response) => {
    const checks: Record<string, 'ok' | 'failed'> = { index: options.isReady() ? 'ok' : 'failed' };
    for (const [name, check] of Object.entries(options.readinessChecks ?? {})) {
      checks[name] = await check().then(
        () => 'ok' as const,
        () => 'failed' as const,
      );
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    const detail = await options.readinessDetail?.().catch(() => undefined);
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ready' : 'not ready', checks, ...(detail ? { detail } : {}) });
  });

  // restify answers body-parser failures (malformed JSON, 413) itself: give them catalogue codes.
  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      error: Error & { statusCode?: number; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      const status = error.statusCode ?? 500;
      const code =
        status === 413 ? ErrorCodes.payloadTooLarge : status < 500 ? ErrorCodes.requestInvalid : ErrorCodes.internal;
      const message = status < 500 ? error.message : 'The request could not be processed.';
      logger.info({ status, code, path: req.path() }, 'request rejected');
      error.toJSON = () => ({ error: { code, message } });
      callback();
    },
  );

  return {
    server,
    inFlight: () => inFlight,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => resolve(server.address() as AddressInfo));
      }),
    stop: async (graceMs: number) => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}
