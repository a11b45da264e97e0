import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

/** The Direct Line token service (`POST /v3/directline/tokens/generate`) on loopback. */
async function fakeDirectLine(secret: string) {
  const calls: { authorization?: string; body: { user?: { id?: string } } }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls.push({
        authorization: req.headers.authorization,
        body: JSON.parse(body || '{}') as { user?: { id?: string } },
      });
      if (req.url !== '/v3/directline/tokens/generate' || req.headers.authorization !== `Bearer ${secret}`) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ conversationId: 'conv-123', token: `token-for-${calls.length}`, expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    calls,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(r)),
  };
}

describe('POST /api/directline/token', () => {
  const secret = 'direct-line-secret-never-in-the-browser';
  let service: Awaited<ReturnType<typeof fakeDirectLine>>;
  let running: RunningApp;

  beforeAll(async () => {
    service = await fakeDirectLine(secret);
    running = await startTestApp({
      DIRECT_LINE_SECRET: secret,
      DIRECT_LINE_ENDPOINT: service.url,
      TOKEN_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(async () => {
    await running.app.stop();
    await service.stop();
  });

  it('exchanges the secret for a short-lived token bound to a fresh user id, and never returns the secret', async () => {
    const response = await post(`${running.baseUrl}/api/directline/token`, {});
    expect(response.status).toBe(200);
    const body = response.body as { token: string; userId: string; expiresIn: number };
    expect(body).toMatchObject({ token: 'token-for-1', expiresIn: 3600, conversationId: 'conv-123' });
    expect(body.userId).toMatch(/^dl_/);
    expect(service.calls[0]).toEqual({ authorization: `Bearer ${secret}`, body: { user: { id: body.userId } } });
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('serves a page that asks for tokens and does not embed the secret', async () => {
    const html = await (await fetch(`${running.baseUrl}/`)).text();
    expect(html).toContain('"mode":"directline"');
    expect(html).not.toContain(secret);
  });

  it('limits token requests per client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i += 1) {
      const response = await post(`${running.baseUrl}/api/directline/token`, {});
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('the token route behind forged X-Forwarded-For headers', () => {
  const secret = 'direct-line-secret';
  let service: Awaited<ReturnType<typeof fakeDirectLine>>;
  beforeAll(async () => {
    service = await fakeDirectLine(secret);
  });
  afterAll(() => service.stop());

  const tokenRequests = async (base: string, forwardedFor: (i: number) => string, count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) {
      statuses.push((await post(`${base}/api/directline/token`, {}, { 'x-forwarded-for': forwardedFor(i) })).status);
    }
    return statuses;
  };

  it('with no trusted proxy, ignores the header: 30 different values still share one budget', async () => {
    const running = await startTestApp({
      DIRECT_LINE_SECRET: secret,
      DIRECT_LINE_ENDPOINT: service.url,
      TOKEN_RATE_LIMIT_PER_MINUTE: '5',
    });
    try {
      const before = service.calls.length;
      const statuses = await tokenRequests(running.baseUrl, (i) => `198.51.100.${i + 1}`, 30);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      // Each refused request cost nothing at Direct Line.
      expect(service.calls.length - before).toBe(5);
    } finally {
      await running.app.stop();
    }
  });

  it('behind one trusted proxy, counts the address it appended: spoofed entries neither evade nor exhaust', async () => {
    const running = await startTestApp({
      DIRECT_LINE_SECRET: secret,
      DIRECT_LINE_ENDPOINT: service.url,
      TOKEN_RATE_LIMIT_PER_MINUTE: '5',
      TRUST_PROXY_HOPS: '1',
    });
    try {
      // The attacker (203.0.113.66, as the proxy saw it) writes a new address first each time.
      const evading = await tokenRequests(running.baseUrl, (i) => `198.51.100.${i + 1}, 203.0.113.66:5${i}`, 30);
      expect(evading.filter((s) => s === 200)).toHaveLength(5);
      // ... or names its victim (192.0.2.10) first, hoping to spend the victim's budget.
      const framing = await tokenRequests(running.baseUrl, () => '192.0.2.10, 203.0.113.66:40000', 10);
      expect(framing.every((s) => s === 429)).toBe(true);
      const victim = await tokenRequests(running.baseUrl, () => '192.0.2.10:61000', 1);
      expect(victim).toEqual([200]);
    } finally {
      await running.app.stop();
    }
  });
});

describe('the page in local mode', () => {
  it('talks to the local bot and serves the Web Chat bundle itself', async () => {
    const running = await startTestApp();
    try {
      const html = await (await fetch(`${running.baseUrl}/`)).text();
      expect(html).toContain('"mode":"local"');
      expect(html).toContain('src="/static/webchat.js"');
      expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
      const bundle = await fetch(`${running.baseUrl}/static/webchat.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/^(text|application)\/javascript; charset=utf-8$/);
      expect(bundle.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
      const styles = await fetch(`${running.baseUrl}/static/styles.css`);
      expect([styles.status, styles.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
      expect((await fetch(`${running.baseUrl}/static/..%2f..%2f..%2fpackage.json`)).status).toBe(404);
      expect((await post(`${running.baseUrl}/api/directline/token`, {})).status).toBe(404);
    } finally {
      await running.app.stop();
    }
  });
});
