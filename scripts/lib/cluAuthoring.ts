import type { CluProject } from '../../src/core/intents/cluModel';
import { cluApiVersion } from '../../src/core/intents/cluRecognizer';

/** Where and how to publish the CLU project. */
export interface AuthoringSettings {
  endpoint: string;
  key: string;
  projectName: string;
  deploymentName: string;
  modelLabel: string;
  /** Multilingual projects need "advanced" training. */
  trainingMode: 'advanced' | 'standard';
  pollIntervalMs: number;
  /** Longest wait for any one job. */
  jobTimeoutMs: number;
}

/** Status of a long-running authoring job. */
interface JobState {
  jobId?: string;
  status: string;
  errors?: { code?: string; message?: string }[];
}

/** A step of the deployment that failed, with what the service said. */
export class AuthoringError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AuthoringError';
  }
}

type Fetch = typeof fetch;

/**
 * Imports, trains and deploys the project through the CLU authoring REST API (2023-04-01), waiting
 * for each job, so a Language resource goes live with one command. `report` hears each step.
 */
export async function deployProject(
  project: CluProject,
  settings: AuthoringSettings,
  report: (line: string) => void = () => {},
  fetchImpl: Fetch = fetch,
): Promise<void> {
  const endpoint = settings.endpoint.replace(/\/+$/, '');
  const base = `${endpoint}/language/authoring/analyze-conversations/projects/${encodeURIComponent(settings.projectName)}`;
  const query = `api-version=${cluApiVersion}`;
  const headers = { 'Ocp-Apim-Subscription-Key': settings.key, 'content-type': 'application/json' };

  const startJob = async (step: string, method: string, url: string, body: unknown): Promise<string> => {
    const response = await fetchImpl(url, { method, headers, body: JSON.stringify(body) });
    if (response.status !== 202) {
      throw new AuthoringError(`${step} was refused (${response.status}): ${await response.text()}`, response.status);
    }
    const location = response.headers.get('operation-location');
    if (!location) throw new AuthoringError(`${step} answered without an operation-location header`);
    return location;
  };

  const waitForJob = async (step: string, location: string): Promise<void> => {
    const deadline = Date.now() + settings.jobTimeoutMs;
    for (;;) {
      const response = await fetchImpl(location, { headers: { 'Ocp-Apim-Subscription-Key': settings.key } });
      if (!response.ok) throw new AuthoringError(`${step} status check failed (${response.status})`, response.status);
      const job = (await response.json()) as JobState;
      if (job.status === 'succeeded') return;
      if (['failed', 'cancelled', 'cancelling'].includes(job.status)) {
        const reasons = (job.errors ?? []).map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
        throw new AuthoringError(`${step} ${job.status}${reasons ? `: ${reasons}` : ''}`);
      }
      if (Date.now() > deadline) throw new AuthoringError(`${step} did not finish within ${settings.jobTimeoutMs} ms`);
      report(`${step}: ${job.status}`);
      await new Promise((r) => setTimeout(r, settings.pollIntervalMs));
    }
  };

  const toImport = { ...project, metadata: { ...project.metadata, projectName: settings.projectName } };
  await waitForJob('import', await startJob('import', 'POST', `${base}/:import?${query}`, toImport));
  report(`imported ${settings.projectName} (${project.assets.utterances.length} utterances)`);

  await waitForJob(
    'training',
    await startJob('training', 'POST', `${base}/:train?${query}`, {
      modelLabel: settings.modelLabel,
      trainingMode: settings.trainingMode,
      // The model file already splits its utterances into Train and Test.
      evaluationOptions: { kind: 'manual' },
    }),
  );
  report(`trained model ${settings.modelLabel}`);

  await waitForJob(
    'deployment',
    await startJob('deployment', 'PUT', `${base}/deployments/${encodeURIComponent(settings.deploymentName)}?${query}`, {
      trainedModelLabel: settings.modelLabel,
    }),
  );
  report(`deployed ${settings.modelLabel} as ${settings.deploymentName}`);
}
