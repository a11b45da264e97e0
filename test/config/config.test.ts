import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/core/errors';

const noEnvFile = join(tmpdir(), 'does-not-exist.env');

describe('loadConfig', () => {
  it('runs on defaults: port 3978 on loopback, no credentials', () => {
    const config = loadConfig({}, noEnvFile);
    expect(config.server).toMatchObject({ port: 3978, host: '127.0.0.1' });
    expect(config.botAuth).toBeUndefined();
    expect(config.knowledge.dir).toBe('knowledge');
  });

  it('listens on all interfaces when credentials are set, unless HOST says otherwise', () => {
    const withAuth = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret' };
    expect(loadConfig(withAuth, noEnvFile).server.host).toBe('0.0.0.0');
    expect(loadConfig({ ...withAuth, HOST: '10.1.2.3' }, noEnvFile).server.host).toBe('10.1.2.3');
  });

  it('names every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', MAX_BODY_BYTES: '-1' }, noEnvFile);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, code } = error as ConfigError;
    expect(code).toBe('CONFIG_INVALID');
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'LOG_LEVEL', 'MAX_BODY_BYTES']),
    );
  });

  it('requires a password and tenant where the app type needs them', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'id' }, noEnvFile)).toThrow(/MicrosoftAppPassword/);
    expect(() =>
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, noEnvFile),
    ).toThrow(/MicrosoftAppTenantId/);
    expect(
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }, noEnvFile)
        .botAuth,
    ).toMatchObject({ appType: 'UserAssignedMSI' });
  });

  it('caps sent inquiries at 3 a day per conversation, user and e-mail and 20 an hour, 0 turning one off', () => {
    expect(loadConfig({}, noEnvFile).inquiries.caps).toEqual({
      perConversationPerDay: 3,
      perUserPerDay: 3,
      perEmailPerDay: 3,
      overallPerHour: 20,
    });
    expect(loadConfig({ INQUIRY_LIMIT_PER_HOUR: '0' }, noEnvFile).inquiries.caps.overallPerHour).toBe(0);
    expect(() => loadConfig({ INQUIRY_LIMIT_PER_EMAIL_PER_DAY: '-1' }, noEnvFile)).toThrow(
      /INQUIRY_LIMIT_PER_EMAIL_PER_DAY/,
    );
  });

  it('documents every cap in the example environment file', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    for (const key of [
      'INQUIRY_LIMIT_PER_CONVERSATION_PER_DAY',
      'INQUIRY_LIMIT_PER_USER_PER_DAY',
      'INQUIRY_LIMIT_PER_EMAIL_PER_DAY',
      'INQUIRY_LIMIT_PER_HOUR',
    ]) {
      expect(example).toContain(`#${key}=`);
    }
  });

  it('reads .env for keys the environment does not set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), '.env');
    writeFileSync(file, 'PORT=4001\nLOG_LEVEL=debug\n');
    const config = loadConfig({ LOG_LEVEL: 'warn' }, file);
    expect(config.server.port).toBe(4001);
    expect(config.logLevel).toBe('warn');
  });

  it('needs all four CLU settings or none', () => {
    expect(loadConfig({}, noEnvFile).clu).toBeUndefined();
    expect(() => loadConfig({ CLU_ENDPOINT: 'https://lang.example.org' }, noEnvFile)).toThrow(
      /CLU_KEY.*\n.*CLU_PROJECT_NAME.*\n.*CLU_DEPLOYMENT_NAME/s,
    );
    const clu = loadConfig(
      { CLU_ENDPOINT: 'https://lang.example.org', CLU_KEY: 'k', CLU_PROJECT_NAME: 'p', CLU_DEPLOYMENT_NAME: 'd' },
      noEnvFile,
    ).clu;
    expect(clu).toMatchObject({ timeoutMs: 3000, maxRetries: 1 });
    expect(() =>
      loadConfig(
        { CLU_ENDPOINT: 'not a url', CLU_KEY: 'k', CLU_PROJECT_NAME: 'p', CLU_DEPLOYMENT_NAME: 'd' },
        noEnvFile,
      ),
    ).toThrow(/CLU_ENDPOINT/);
  });
});
