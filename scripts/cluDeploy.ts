import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { loadCluProject } from '../src/core/intents/cluModel';
import { deployProject } from './lib/cluAuthoring';

/**
 * `npm run clu:deploy`: publishes dialogs/model/usaid-peru.clu.json to the Language resource in
 * CLU_ENDPOINT / CLU_KEY as CLU_PROJECT_NAME, deployed as CLU_DEPLOYMENT_NAME.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'model-label': { type: 'string', default: `model-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}` },
      'training-mode': { type: 'string', default: 'advanced' },
    },
  });
  const config = loadConfig();
  if (!config.clu)
    throw new Error('Set CLU_ENDPOINT, CLU_KEY, CLU_PROJECT_NAME and CLU_DEPLOYMENT_NAME (see .env.example).');
  const mode = values['training-mode'] === 'standard' ? 'standard' : 'advanced';
  await deployProject(
    loadCluProject(config.intents.modelFile),
    {
      endpoint: config.clu.endpoint,
      key: config.clu.key,
      projectName: config.clu.projectName,
      deploymentName: config.clu.deploymentName,
      modelLabel: values['model-label'] ?? 'model',
      trainingMode: mode,
      pollIntervalMs: 5000,
      jobTimeoutMs: 60 * 60 * 1000,
    },
    (line) => process.stdout.write(`${line}\n`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
