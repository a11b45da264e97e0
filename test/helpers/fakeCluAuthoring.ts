import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback';
import { cluProjectSchema } from '../../src/core/intents/cluModel';

/** One authoring request as received. */
export interface AuthoringRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  key: string | undefined;
  body: unknown;
}

/**
 * The CLU authoring REST API on 127.0.0.1: `:import`, `:train` and deployments answer 202 with an
 * operation-location; each job reports "running" on its first status check, then its outcome.
 */
export class FakeCluAuthoring extends LoopbackServer {
  readonly requests: AuthoringRequest[] = [];
  /** Job kinds ("import", "train", "deployments") that should end in failure. */
  readonly failing = new Set<string>();
  private readonly jobs = new Map<string, { polls: number; fail: boolean }>();

  constructor(readonly key = 'authoring-key') {
    super();
  }

  get endpoint(): string {
    return this.baseUrl;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      apiVersion: url.searchParams.get('api-version'),
      key: req.headers['ocp-apim-subscription-key'] as string | undefined,
      body,
    });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    if (req.headers['ocp-apim-subscription-key'] !== this.key)
      return json(401, { error: { code: '401', message: 'Access denied' } });
    if (url.searchParams.get('api-version') !== '2023-04-01')
      return json(400, { error: { code: 'InvalidApiVersion' } });

    const path = decodeURIComponent(url.pathname);
    const base = '/language/authoring/analyze-conversations/projects/';
    const accepted = (kind: string, jobPath: string) => {
      const id = `${kind}-${this.jobs.size + 1}`;
      this.jobs.set(id, { polls: 0, fail: this.failing.has(kind) });
      json(202, undefined, { 'operation-location': `${this.endpoint}${jobPath}/jobs/${id}?api-version=2023-04-01` });
    };
    let match: RegExpExecArray | null;
    if (req.method === 'POST' && (match = new RegExp(`^${base}([^/]+)/:import$`).exec(path))) {
      const parsed = cluProjectSchema.safeParse(body);
      if (!parsed.success) return json(400, { error: { code: 'InvalidProject', message: parsed.error.message } });
      if (parsed.data.metadata.projectName !== match[1]) return json(400, { error: { code: 'ProjectNameMismatch' } });
      return accepted('import', `${base}${match[1]}/import`);
    }
    if (req.method === 'POST' && (match = new RegExp(`^${base}([^/]+)/:train$`).exec(path))) {
      return accepted('train', `${base}${match[1]}/train`);
    }
    if (req.method === 'PUT' && (match = new RegExp(`^${base}([^/]+)/deployments/([^/]+)$`).exec(path))) {
      return accepted('deployments', `${base}${match[1]}/deployments/${match[2]}`);
    }
    if (req.method === 'GET' && (match = /\/jobs\/([^/]+)$/.exec(path))) {
      const job = this.jobs.get(match[1] ?? '');
      if (!job) return json(404, { error: { code: 'NotFound' } });
      job.polls += 1;
      const status = job.polls < 2 ? 'running' : job.fail ? 'failed' : 'succeeded';
      return json(200, {
        jobId: match[1],
        status,
        createdDateTime: new Date().toISOString(),
        lastUpdatedDateTime: new Date().toISOString(),
        ...(status === 'failed' ? { errors: [{ code: 'TrainingFailed', message: 'Simulated failure' }] } : {}),
      });
    }
    json(404, { error: { code: 'NotFound' } });
  }
}
