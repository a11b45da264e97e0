import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, settingNames } from '../../src/config/config';
import { repoRoot } from '../helpers/core';
import { ConfigError } from '../../src/core/errors';
import { tempDir } from '../helpers/tempDir';

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

  it('refuses a non-loopback HOST without an app id unless ALLOW_UNAUTHENTICATED=true', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' }, noEnvFile)).toThrow(/HOST: must be a loopback address/);
    expect(() => loadConfig({ HOST: '10.1.2.3', ALLOW_UNAUTHENTICATED: 'false' }, noEnvFile)).toThrow(/HOST/);
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) {
      expect(loadConfig({ HOST: host }, noEnvFile).server).toMatchObject({ host, allowUnauthenticated: false });
    }
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' }, noEnvFile).server).toMatchObject({
      host: '0.0.0.0',
      allowUnauthenticated: true,
    });
    expect(() => loadConfig({ ALLOW_UNAUTHENTICATED: 'yes' }, noEnvFile)).toThrow(/ALLOW_UNAUTHENTICATED/);
  });

  it('takes the tenant of the inbox admins from TEAMS_TENANT_ID or MicrosoftAppTenantId, and host names for the inbox', () => {
    const admins = { INBOX_ADMIN_AAD_IDS: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' };
    expect(loadConfig(admins, noEnvFile).inbox.tenantId).toBeUndefined();
    expect(() => loadConfig({ TEAMS_TENANT_ID: 'contoso' }, noEnvFile)).toThrow(/TEAMS_TENANT_ID/);
    const tenant = '0d9a8b7c-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
    expect(loadConfig({ ...admins, TEAMS_TENANT_ID: tenant }, noEnvFile).inbox.tenantId).toBe(tenant);
    expect(loadConfig({ ...admins, MicrosoftAppTenantId: tenant }, noEnvFile).inbox.tenantId).toBe(tenant);
    expect(loadConfig({}, noEnvFile).inbox.serviceHosts).toEqual(
      expect.arrayContaining(['smba.trafficmanager.net', '*.botframework.com']),
    );
    expect(() => loadConfig({ INBOX_SERVICE_HOSTS: 'https://evil.example/x' }, noEnvFile)).toThrow(
      /INBOX_SERVICE_HOSTS/,
    );
  });

  it('documents every setting it reads in .env.example', () => {
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const missing = settingNames.filter((name) => !new RegExp(`^#?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
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
    const file = join(tempDir('cfg-'), '.env');
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

  it('keeps declined questions 90 days unless UNANSWERED_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig({}, noEnvFile).unanswered).toEqual({ retentionDays: 90 });
    expect(loadConfig({ UNANSWERED_RETENTION_DAYS: '30' }, noEnvFile).unanswered).toEqual({ retentionDays: 30 });
    expect(() => loadConfig({ UNANSWERED_RETENTION_DAYS: '0' }, noEnvFile)).toThrow(/UNANSWERED_RETENTION_DAYS/);
  });
});
