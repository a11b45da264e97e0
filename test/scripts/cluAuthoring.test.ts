import { AuthoringError, deployProject, type AuthoringSettings } from '../../scripts/lib/cluAuthoring';
import { realProject } from '../helpers/core';
import { FakeCluAuthoring } from '../helpers/fakeCluAuthoring';

describe('deployProject against the CLU authoring API on loopback', () => {
  let service: FakeCluAuthoring;
  const settings = (): AuthoringSettings => ({
    endpoint: `${service.endpoint}/`,
    key: service.key,
    projectName: 'usaid-peru-bot',
    deploymentName: 'production',
    modelLabel: 'model-1',
    trainingMode: 'advanced',
    pollIntervalMs: 10,
    jobTimeoutMs: 5000,
  });

  beforeEach(async () => {
    service = await new FakeCluAuthoring().start();
  });
  afterEach(() => service.stop());

  it('imports, trains and deploys in order, waiting for each job', async () => {
    const lines: string[] = [];
    await deployProject(realProject(), settings(), (line) => lines.push(line));
    const calls = service.requests.map((r) => `${r.method} ${r.path.replace(/jobs\/.*/, 'jobs/…')}`);
    const base = '/language/authoring/analyze-conversations/projects/usaid-peru-bot';
    expect(calls).toEqual([
      `POST ${base}/:import`,
      `GET ${base}/import/jobs/…`,
      `GET ${base}/import/jobs/…`,
      `POST ${base}/:train`,
      `GET ${base}/train/jobs/…`,
      `GET ${base}/train/jobs/…`,
      `PUT ${base}/deployments/production`,
      `GET ${base}/deployments/production/jobs/…`,
      `GET ${base}/deployments/production/jobs/…`,
    ]);
    expect(service.requests.every((r) => r.apiVersion === '2023-04-01' && r.key === service.key)).toBe(true);
    expect(service.requests[3]?.body).toMatchObject({ modelLabel: 'model-1', trainingMode: 'advanced' });
    expect(service.requests[6]?.body).toEqual({ trainedModelLabel: 'model-1' });
    expect(lines.at(-1)).toBe('deployed model-1 as production');
  });

  it('stops at a failed job and says which step failed and why', async () => {
    service.failing.add('train');
    await expect(deployProject(realProject(), settings())).rejects.toThrow(
      /training failed: TrainingFailed Simulated failure/,
    );
    expect(service.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('reports a refused key', async () => {
    const error = await deployProject(realProject(), { ...settings(), key: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthoringError);
    expect(error).toMatchObject({ status: 401 });
  });
});
