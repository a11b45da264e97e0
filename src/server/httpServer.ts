import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { BotAdapter } from '../bot/adapter';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import restify, { type Request, type Response } from 'restify';
import { ErrorCodes } from '../core/errors';
import { hashId, type Logger } from '../logging/logger';
import type { UsaidBot } from '../bot/usaidBot';
import type { TurnOutcomeRecord } from '../core/conversation/turn';
import { addressLimitKey } from './clientAddress';
import { KeyedLimit, type RateDecision, TurnLimits } from './rateLimiter';
import { activityProblems, readableEntities } from './activityValidation';

export interface HttpServerOptions {
  adapter: BotAdapter;
  /** Checks the Bot Framework token of each request (a no-op in local mode). */
  authentication: BotFrameworkAuthentication;
  bot: Pick<UsaidBot, 'runTurn'>;
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
  limits: {
    /** Activities per minute per conversation (channel and conversation id). */
    perConversationPerMinute: number;
    /** Activities per minute per user (channel and user id; the Azure AD object id in Teams). */
    perUserPerMinute: number;
    /** Requests per minute per client address, only where requests are not authenticated. */
    perClientPerMinute: number;
    /** Turns handled at once; beyond it 503 with Retry-After. */
    maxTurnsInFlight: number;
  };
  /** True without MicrosoftAppId (local mode): nothing vouches for who sent an activity. */
  unauthenticated: boolean;
  /** The client address of a request, as far as trusted proxies let it be known. */
  clientAddress: (req: Request) => string;
  /** In local mode, the local Direct Line, whose conversations only it may post to. */
  localDirectLine?: LocalCaller;
}

/** What the HTTP edge needs to know of the local Direct Line. */
export interface LocalCaller {
  /** True when the request is the local Direct Line passing on an activity from its page. */
  isOwnCall(req: Request): boolean;
  /** True for a conversation id of the kind the local Direct Line hands out. */
  isLocalConversation(conversationId: string): boolean;
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
  // Without authentication a user id is whatever the caller writes: the address limit stands in.
  const turnLimits = new TurnLimits(
    options.limits.perConversationPerMinute,
    options.unauthenticated ? undefined : options.limits.perUserPerMinute,
  );
  const addressLimit = new KeyedLimit(options.limits.perClientPerMinute);
  const local = options.localDirectLine;

  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false }));

  const refuse = (res: Response, requestId: string, decision: RateDecision & { allowed: false }, status = 429) => {
    res.header('Retry-After', String(decision.retryAfterSeconds));
    const code = status === 503 ? ErrorCodes.overloaded : ErrorCodes.rateLimited;
    logger.info({ requestId, code, status }, 'request limited');
    if (status === 503) return sendError(res, 503, code, 'The bot is busy; retry shortly.');
    return sendError(res, 429, code, 'Too many messages; retry later.');
  };

  /*
   * The order matters. The body is read (size-capped) and validated first, which costs little and
   * touches no state. Authentication comes next, before any limit keyed by who is talking: the
   * conversation and user ids are only trustworthy once the channel's token vouches for them, so
   * an unauthenticated flood naming someone else's conversation is refused without spending that
   * conversation's budget. Then the identity limits, then the cap on turns in flight, and only
   * then does the bot read the text. Where nothing is authenticated (local mode) the client
   * address is limited as well, since identities there are whatever the caller writes.
   */
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
    const ownLocalCall = local?.isOwnCall(req) ?? false;
    if (local?.isLocalConversation(body.conversation.id) && !ownLocalCall) {
      // A page's conversation is reached only through the page's own token, on the local routes.
      logger.info({ requestId, code: ErrorCodes.forbidden }, 'refused a post to a local conversation');
      return sendError(res, 403, ErrorCodes.forbidden, 'This conversation belongs to a Web Chat page.');
    }
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
    if (options.unauthenticated && !ownLocalCall) {
      // The local Direct Line's calls were limited by the page's address on the local routes.
      const byAddress = await addressLimit.take(addressLimitKey(options.clientAddress(req)));
      if (!byAddress.allowed) return refuse(res, requestId, byAddress);
    }
    const byIdentity = await turnLimits.check(body);
    if (!byIdentity.allowed) return refuse(res, requestId, byIdentity);
    if (inFlight >= options.limits.maxTurnsInFlight) {
      return refuse(res, requestId, { allowed: false, retryAfterSeconds: 1 }, 503);
    }
    body.entities = readableEntities(body.entities) as Activity['entities'];
    const started = process.hrtime.bigint();
    // A turn that never returns failed (the adapter's error handler took it).
    let outcome: TurnOutcomeRecord = { outcome: 'error' };
    inFlight += 1;
    try {
      const activity = { ...body, timestamp: body.timestamp ? new Date(body.timestamp) : undefined };
      const invokeResponse = await adapter.processAuthenticated(
        authenticated,
        activity as Activity,
        async (context) => {
          outcome = await bot.runTurn(context);
        },
      );
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
      // The local Direct Line's reply route carries the process key in its path: keep it out of logs.
      const path = req.path().replace(/^\/api\/local\/bot\/[^/]+/, '/api/local/bot/[key]');
      logger.info({ status, code, path }, 'request rejected');
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
