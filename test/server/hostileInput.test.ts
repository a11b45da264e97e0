import fc from 'fast-check';
import { post, type RunningApp, startTestApp } from '../helpers/testApp';

/** Payloads people use to break chat UIs and cards. */
const hostileText = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"pwned"}],"actions":[{"type":"Action.OpenUrl","url":"javascript:alert(1)"}]}',
  '\u0000\u0001\u0007\u001b[31m\u202e',
  '${process.exit(1)}',
  '%s%s%s%n',
  "'; DROP TABLE inquiries; --",
  '<at>USAID Peru</at><at>x</at>',
  'a'.repeat(5000),
  '😀'.repeat(300),
);

const anyText = fc.oneof(hostileText, fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const account = fc.oneof(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 50 }), name: fc.option(anyText) }),
  anyValue,
);

/** Activities a channel could send, carrying hostile text and odd extras. */
const wellFormed = fc.record(
  {
    type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing'),
    id: fc.uuid(),
    channelId: fc.constantFrom('test', 'webchat', 'msteams', 'emulator'),
    serviceUrl: fc.constant('http://127.0.0.1:9/'),
    deliveryMode: fc.constant('expectReplies'),
    conversation: fc.record({
      id: fc.string({ minLength: 1, maxLength: 80 }),
      isGroup: fc.option(fc.boolean(), { nil: undefined }),
    }),
    from: fc.record({ id: fc.string({ minLength: 1, maxLength: 50 }), name: fc.option(anyText, { nil: undefined }) }),
    recipient: fc.record({ id: fc.string({ minLength: 1, maxLength: 50 }) }),
    text: anyText,
    locale: fc.constantFrom('en-US', 'es-PE', 'xx', ''),
    name: fc.constantFrom('webchat/join', 'webchat/language', 'other'),
    value: anyValue,
    entities: fc.array(
      fc.record({ type: fc.constantFrom('mention', 'clientInfo', 'x'), mentioned: account, text: anyText }),
      { maxLength: 3 },
    ),
    attachments: fc.array(fc.record({ contentType: fc.string(), content: anyValue }), { maxLength: 2 }),
    membersAdded: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), name: anyText }), {
      maxLength: 3,
    }),
    channelData: anyValue,
  },
  { requiredKeys: ['type', 'channelId', 'serviceUrl', 'deliveryMode', 'conversation', 'from', 'recipient'] },
);

/** Anything at all where an activity should be. */
const nonsense = fc.oneof(
  fc.record(
    {
      type: anyValue,
      channelId: anyValue,
      serviceUrl: fc.oneof(fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', ''), anyValue),
      conversation: anyValue,
      from: account,
      recipient: account,
      text: anyValue,
      entities: anyValue,
      attachments: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

const activityArbitrary = fc.oneof({ arbitrary: wellFormed, weight: 3 }, { arbitrary: nonsense, weight: 2 });

describe('hostile and malformed activities', () => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await startTestApp({
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: '1000000',
    });
    url = `${running.baseUrl}/api/messages`;
  });
  afterAll(() => running.app.stop());

  it('never crash the server, never get a 5xx or a stack trace, and never come back as markup', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(activityArbitrary, async (activity) => {
        const response = await post(url, activity);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        const body = JSON.stringify(response.body ?? '');
        expect(body).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
        const replies =
          (response.body as { activities?: { text?: string; attachments?: unknown }[] } | undefined)?.activities ?? [];
        for (const reply of replies) {
          const shown = `${reply.text ?? ''} ${JSON.stringify(reply.attachments ?? [])}`;
          expect(shown).not.toMatch(/<script|onerror=|javascript:|pwned/i);
        }
      }),
      { numRuns: 2000 },
    );
    // Both sides were exercised: rejected nonsense and turns that ran.
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(200)).toBeGreaterThan(100);

    const health = await fetch(`${running.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const normal = await post(url, {
      type: 'message',
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      conversation: { id: 'after-the-storm' },
      from: { id: 'u' },
      recipient: { id: 'b' },
      text: 'Who is the Mission Director?',
    });
    expect(JSON.stringify(normal.body)).toContain('Amy Paro');
  }, 180_000);
});
