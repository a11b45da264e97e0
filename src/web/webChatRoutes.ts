import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Next, plugins, type Request, type Response, type Server } from 'restify';
import { ErrorCodes } from '../core/errors';
import { messages } from '../core/i18n/messages';
import type { Logger } from '../logging/logger';
import { addressLimitKey } from '../server/clientAddress';
import { KeyedLimit } from '../server/rateLimiter';

/** How the page reaches the bot. */
export type WebChatMode =
  { kind: 'local' } | { kind: 'directline'; secret: string; endpoint: string } | { kind: 'unavailable' };

export interface WebChatOptions {
  mode: WebChatMode;
  logger: Logger;
  /** Token requests per client address per minute. */
  tokenRequestsPerMinute: number;
  /** The client address of a request, as far as trusted proxies let it be known. */
  clientAddress: (req: Request) => string;
}

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const publicDir = join(projectRoot(), 'src', 'web', 'public');
// The package exports no subpaths; its CommonJS entry is lib/index.js, beside dist/.
const webChatBundle = join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

/** The strings the page itself shows, from the message catalogue. */
const pageStrings = (Object.keys(messages.en) as (keyof typeof messages.en)[])
  .filter((key) => key.startsWith('page'))
  .reduce((all, key) => ({ en: { ...all.en, [key]: messages.en[key] }, es: { ...all.es, [key]: messages.es[key] } }), {
    en: {} as Record<string, string>,
    es: {} as Record<string, string>,
  });

function page(mode: WebChatMode): string {
  const config = {
    mode: mode.kind,
    directLineDomain: mode.kind === 'directline' ? `${mode.endpoint.replace(/\/+$/, '')}/v3/directline` : undefined,
    strings: pageStrings,
  };
  // JSON inside <script> must not be able to close the tag.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return readFileSync(join(publicDir, 'index.html'), 'utf8').replace('{{CONFIG}}', json);
}

/**
 * The Web Chat page at `/`, its assets (the Web Chat bundle is served from this server, not a
 * CDN), and in production the Direct Line token exchange, which keeps the secret on the server.
 */
export function registerWebChat(server: Server, options: WebChatOptions): void {
  const { mode, logger } = options;
  const connect =
    mode.kind === 'directline' ? ` ${new URL(mode.endpoint).origin} wss://${new URL(mode.endpoint).host}` : '';
  const securityHeaders = {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      `connect-src 'self'${connect}`,
      "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };

  server.get('/', async (_req: Request, res: Response) => {
    const html = page(mode);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...securityHeaders });
    res.end(html);
  });

  const asset = (path: string, file: string) =>
    server.get(
      path,
      (_req: Request, res: Response, next: Next) => {
        res.header('x-content-type-options', 'nosniff');
        next();
      },
      plugins.serveStatic({ directory: dirname(file), file: basename(file), maxAge: 3600, charSet: 'utf-8' }),
    );
  asset('/static/webchat.js', webChatBundle);
  asset('/static/app.js', join(publicDir, 'app.js'));
  asset('/static/styles.css', join(publicDir, 'styles.css'));

  // Each token costs a call to Direct Line and nothing authenticates the page: limit by address.
  const limiter = new KeyedLimit(options.tokenRequestsPerMinute);
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    const decision = await limiter.take(addressLimitKey(options.clientAddress(req)));
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      res.status(429);
      return void res.json({
        error: { code: ErrorCodes.rateLimited, message: 'Too many token requests; retry later.' },
      });
    }
    if (mode.kind !== 'directline') {
      res.status(404);
      return void res.json({ error: { code: ErrorCodes.requestInvalid, message: 'Direct Line is not configured.' } });
    }
    const userId = `dl_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    try {
      const response = await fetch(`${mode.endpoint.replace(/\/+$/, '')}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mode.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`Direct Line answered ${response.status}`);
      const body = (await response.json()) as { token?: string; expires_in?: number; conversationId?: string };
      if (!body.token) throw new Error('Direct Line answered without a token');
      res.header('cache-control', 'no-store');
      res.json({ token: body.token, expiresIn: body.expires_in, conversationId: body.conversationId, userId });
    } catch (error) {
      logger.error({ code: ErrorCodes.directLineFailed, err: error }, 'could not get a Direct Line token');
      res.status(502);
      res.json({
        error: { code: ErrorCodes.directLineFailed, message: 'The chat service is unavailable; retry later.' },
      });
    }
  });
}
