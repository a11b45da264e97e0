import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback';
import type { IntentRecognizer } from '../../src/core/intents/intentTypes';

/** How the fake service behaves for the next requests. */
export type CluBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'hang' }
  | { kind: 'invalid-json' }
  | { kind: 'wrong-shape' };

/** One request as the service received it. */
export interface CluRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  key: string | undefined;
  body: {
    kind?: string;
    analysisInput?: { conversationItem?: { text?: string; language?: string; id?: string; participantId?: string } };
    parameters?: { projectName?: string; deploymentName?: string; stringIndexType?: string };
  };
}

/**
 * The CLU runtime API (`POST /language/:analyze-conversations`) on 127.0.0.1. It answers as the
 * service does, with `confidenceScore` and list keys, computing predictions with `brain`.
 */
export class FakeCluService extends LoopbackServer {
  readonly requests: CluRequest[] = [];
  behaviour: CluBehaviour = { kind: 'ok' };
  private readonly hanging: ServerResponse[] = [];

  constructor(
    private readonly brain: IntentRecognizer,
    readonly key = 'test-clu-key',
  ) {
    super();
  }

  get endpoint(): string {
    return this.baseUrl;
  }

  override async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await super.stop();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as CluRequest['body'];
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      key: req.headers['ocp-apim-subscription-key'] as string | undefined,
      body,
    });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (url.pathname !== '/language/:analyze-conversations' || req.method !== 'POST') {
      return json(404, { error: { code: 'NotFound', message: 'Resource not found' } });
    }
    if (req.headers['ocp-apim-subscription-key'] !== this.key) {
      return json(401, { error: { code: '401', message: 'Access denied due to invalid subscription key.' } });
    }
    const behaviour = this.behaviour;
    switch (behaviour.kind) {
      case 'hang':
        this.hanging.push(res);
        return;
      case 'status':
        return json(
          behaviour.status,
          { error: { code: String(behaviour.status), message: 'Simulated failure' } },
          behaviour.retryAfterSeconds !== undefined ? { 'retry-after': String(behaviour.retryAfterSeconds) } : {},
        );
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"kind": "ConversationResult", "result": ');
        return;
      case 'wrong-shape':
        return json(200, {
          kind: 'ConversationResult',
          result: { query: 'x', prediction: { projectKind: 'Orchestration' } },
        });
      case 'ok':
        break;
    }
    const item = body.analysisInput?.conversationItem;
    const text = item?.text ?? '';
    const result = await this.brain.recognize(text, item?.language === 'es' ? 'es' : 'en');
    json(200, {
      kind: 'ConversationResult',
      result: {
        query: text,
        prediction: {
          projectKind: 'Conversation',
          topIntent: result.topIntent,
          intents: Object.entries(result.intents)
            .sort((a, b) => b[1] - a[1])
            .map(([category, confidenceScore]) => ({ category, confidenceScore })),
          entities: result.entities.map((e) => ({
            category: e.category,
            text: e.text,
            offset: e.offset,
            length: e.length,
            confidenceScore: e.confidence,
            ...(e.category === 'Email'
              ? {}
              : { extraInformation: [{ extraInformationKind: 'ListKey', key: e.value }] }),
          })),
        },
      },
    });
  }
}
