import { capturingLogger } from '../helpers/logCapture';
import { post, startTestApp } from '../helpers/testApp';

const message = (conversationId: string, text: string, id = `${Math.random()}`) => ({
  type: 'message',
  id,
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  conversation: { id: conversationId },
  from: { id: 'user-1', name: 'Ana Pérez' },
  recipient: { id: 'bot' },
  locale: 'en-US',
  text,
});

describe('operations', () => {
  it('limits messages per conversation with 429 and Retry-After, without touching other conversations', async () => {
    const running = await startTestApp({ RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '3' });
    try {
      const url = `${running.baseUrl}/api/messages`;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await post(url, message('busy', 'hello'))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await post(url, message('busy', 'hello'));
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect((await post(url, message('quiet', 'hello'))).status).toBe(200);
    } finally {
      await running.app.stop();
    }
  });

  it('limits messages per client address', async () => {
    const running = await startTestApp({ RATE_LIMIT_PER_CLIENT_PER_MINUTE: '2' });
    try {
      const url = `${running.baseUrl}/api/messages`;
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await post(url, message(`c${i}`, 'hello'))).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await running.app.stop();
    }
  });

  it('reports readiness with each dependency', async () => {
    const running = await startTestApp();
    try {
      const ready = await fetch(`${running.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { index: 'ok', inquiryStore: 'ok' },
        detail: { quarantinedInquiries: 0 },
      });
    } finally {
      await running.app.stop();
    }
  });

  it('logs each request as JSON with request id, hashed conversation, latency and outcome, and no personal data', async () => {
    const { logger, lines, raw } = capturingLogger('info');
    const running = await startTestApp({}, {}, logger);
    try {
      const url = `${running.baseUrl}/api/messages`;
      await post(url, message('conversation-with-ana', 'What is the CDCS?'), { 'x-request-id': 'req-123' });
      await post(
        url,
        message('conversation-with-ana', 'I am Ana Pérez (ana.perez@example.org): what is the weather in Cusco?'),
      );
      const requests = lines().filter((l) => l.msg === 'request');
      expect(requests[0]).toMatchObject({
        requestId: 'req-123',
        conversation: expect.stringMatching(/^[0-9a-f]{16}$/),
        status: 200,
        latencyMs: expect.any(Number),
        outcome: 'answered',
      });
      expect(requests[1]).toMatchObject({ outcome: 'declined', detail: expect.any(String) });
      const all = raw();
      for (const personal of ['Ana', 'ana.perez@example.org', 'conversation-with-ana', 'CDCS', 'Cusco']) {
        expect(all).not.toContain(personal);
      }
    } finally {
      await running.app.stop();
    }
  });
});
