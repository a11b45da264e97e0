import { CluError, CluRecognizer } from '../../../src/core/intents/cluRecognizer';
import { FallbackRecognizer } from '../../../src/core/intents/fallbackRecognizer';
import { OfflineRecognizer } from '../../../src/core/intents/offlineRecognizer';
import { realProject } from '../../helpers/core';
import { type CluBehaviour, FakeCluService } from '../../helpers/fakeClu';

const offline = new OfflineRecognizer(realProject());

describe('CluRecognizer against a CLU service on loopback', () => {
  let service: FakeCluService;
  const recognizer = (overrides: Partial<ConstructorParameters<typeof CluRecognizer>[0]> = {}) =>
    new CluRecognizer({
      endpoint: service.endpoint,
      key: service.key,
      projectName: 'usaid-peru-bot',
      deploymentName: 'production',
      timeoutMs: 2000,
      maxRetries: 1,
      ...overrides,
    });

  beforeAll(async () => {
    service = await new FakeCluService(offline).start();
  });
  afterAll(() => service.stop());
  beforeEach(() => {
    service.requests.splice(0);
    service.behaviour = { kind: 'ok' };
  });

  it('sends what the service expects: path, api-version, key header and the conversation task', async () => {
    await recognizer().recognize('quiero hablar con la subdirectora', 'es');
    expect(service.requests).toHaveLength(1);
    const [request] = service.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/language/:analyze-conversations',
      apiVersion: '2023-04-01',
      key: service.key,
      body: {
        kind: 'Conversation',
        analysisInput: { conversationItem: { text: 'quiero hablar con la subdirectora', language: 'es' } },
        parameters: { projectName: 'usaid-peru-bot', deploymentName: 'production', stringIndexType: 'Utf16CodeUnit' },
      },
    });
  });

  it("maps the service's confidenceScore and list keys into intents and entities", async () => {
    const expected = await offline.recognize('I want to write to the deputy', 'en');
    const result = await recognizer().recognize('I want to write to the deputy', 'en');
    expect(result.source).toBe('clu');
    expect(result.topIntent).toBe(expected.topIntent);
    expect(result.intents[result.topIntent]).toBeCloseTo(expected.intents[expected.topIntent], 6);
    expect(result.entities).toEqual([
      expect.objectContaining({ category: 'ContactRole', value: 'deputy', text: 'deputy' }),
    ]);
  });

  it.each<[string, CluBehaviour, string, number]>([
    ['401', { kind: 'status', status: 401 }, 'unauthorized', 1],
    ['429 with retry-after', { kind: 'status', status: 429, retryAfterSeconds: 0 }, 'throttled', 2],
    ['503', { kind: 'status', status: 503 }, 'unavailable', 2],
    ['an invalid JSON body', { kind: 'invalid-json' }, 'malformed', 1],
    ['a body of the wrong shape', { kind: 'wrong-shape' }, 'malformed', 1],
  ])('fails with a coded error on %s, after bounded retries', async (_name, behaviour, reason, attempts) => {
    service.behaviour = behaviour;
    const error = await recognizer()
      .recognize('hello', 'en')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CluError);
    expect(error).toMatchObject({ reason, code: 'CLU_UNAVAILABLE' });
    expect(service.requests).toHaveLength(attempts);
  });

  it('gives up on a service that hangs past the timeout', async () => {
    service.behaviour = { kind: 'hang' };
    const error = await recognizer({ timeoutMs: 300 })
      .recognize('hello', 'en')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('fails on a wrong key', async () => {
    const error = await recognizer({ key: 'wrong' })
      .recognize('hello', 'en')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'unauthorized', status: 401 });
  });

  describe('with the offline fallback', () => {
    it.each<[string, CluBehaviour]>([
      ['401', { kind: 'status', status: 401 }],
      ['429', { kind: 'status', status: 429, retryAfterSeconds: 0 }],
      ['503', { kind: 'status', status: 503 }],
      ['a hang', { kind: 'hang' }],
      ['a malformed body', { kind: 'invalid-json' }],
    ])('answers from the offline recognizer on %s', async (_name, behaviour) => {
      service.behaviour = behaviour;
      const listener = { outageStarted: jest.fn(), outageEnded: jest.fn() };
      const fallback = new FallbackRecognizer(recognizer({ timeoutMs: 300 }), offline, listener);
      const result = await fallback.recognize('cancel', 'en');
      expect(result).toMatchObject({ source: 'offline', topIntent: 'Cancel' });
      expect(listener.outageStarted).toHaveBeenCalledTimes(1);
    });

    it('reports an outage once, however many turns fail, and its end once', async () => {
      const listener = { outageStarted: jest.fn(), outageEnded: jest.fn() };
      const fallback = new FallbackRecognizer(recognizer(), offline, listener);
      service.behaviour = { kind: 'status', status: 503 };
      for (let i = 0; i < 3; i += 1) await fallback.recognize('hello', 'en');
      service.behaviour = { kind: 'ok' };
      const recovered = await fallback.recognize('hello', 'en');
      await fallback.recognize('hello', 'en');
      expect(listener.outageStarted).toHaveBeenCalledTimes(1);
      expect(listener.outageEnded).toHaveBeenCalledTimes(1);
      expect(recovered.source).toBe('clu');
    });
  });
});
