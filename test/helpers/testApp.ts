import { join } from 'node:path';
import { type App, type AppOverrides, createApp } from '../../src/app';
import { type AppConfig, loadConfig } from '../../src/config/config';
import { createLogger, type Logger } from '../../src/logging/logger';
import { testArtifacts } from './artifactPaths';
import { tempDir } from './tempDir';

/** Config for a test: ephemeral port on loopback, artifacts in a fresh temp folder. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const dir = tempDir('usaid-bot-');
  return loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      INDEX_PATH: testArtifacts.indexPath,
      ANSWER_MODEL_PATH: testArtifacts.answerModelPath,
      INTENT_MODEL_PATH: testArtifacts.intentModelPath,
      DATA_DIR: join(dir, 'data'),
      ...env,
    },
    join(dir, 'no.env'),
  );
}

/** A started app and the base URL of its server. */
export interface RunningApp {
  app: App;
  baseUrl: string;
  logger: Logger;
}

/** Builds and starts the real app in this process. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
  logger: Logger = createLogger('silent'),
): Promise<RunningApp> {
  const app = createApp(testConfig(env), logger, overrides);
  const address = await app.start();
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, logger };
}

/** Posts a JSON body to the bot and returns status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
