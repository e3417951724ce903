import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, UNCONFIGURED_HOME_TENANT_ID } from '../../../bot/config/config.js';
import { SANDBOX_TENANT_ID } from '../../../sandbox/constants.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

describe('loadConfig', () => {
  it('defaults to an unauthenticated bot on 127.0.0.1:3978 with ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, bindHost: '127.0.0.1', dataDir: './data', logLevel: 'info' });
    expect(config.botFramework).toBeUndefined();
    expect(config.tenant).toBeUndefined();
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ TENANT_ID: TENANT, GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tenant)).toBe(true);
  });

  it('binds to every interface only with Bot Framework credentials', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' });
    expect(config.bindHost).toBe('0.0.0.0');
    expect(config.botFramework?.appId).toBe('app');
  });

  it('runs on botbuilder unless BOT_HOST names agents; refuses another host and certificates on agents', () => {
    expect(loadConfig({}).host).toBe('botbuilder');
    expect(loadConfig({ BOT_HOST: 'agents', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).host).toBe('agents');
    expect(problemsOf({ BOT_HOST: 'teams-sdk' }).join()).toContain('BOT_HOST');
    const certificate = {
      MicrosoftAppId: 'app',
      MicrosoftAppCertificateThumbprint: 'AB',
      MicrosoftAppCertificatePrivateKeyFile: 'k.pem',
    };
    expect(loadConfig(certificate).host).toBe('botbuilder');
    expect(problemsOf({ ...certificate, BOT_HOST: 'agents' }).join()).toContain('BOT_HOST=botbuilder only');
  });

  it('names every offending variable at once, never a value', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      MicrosoftAppId: 'app',
      GRAPH_BASE_URL: 'http://graph.example/',
      TENANT_ID: 'tenant-secret-value',
    });
    const text = problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'GRAPH_BASE_URL']) expect(text).toContain(name);
    expect(text).not.toContain('eighty');
    expect(text).not.toContain('tenant-secret-value');
  });

  it('requires a secret or certificate with MicrosoftAppId, and the Graph app parts together', () => {
    expect(problemsOf({ MicrosoftAppId: 'app' }).join()).toContain('MicrosoftAppPassword');
    expect(problemsOf({ TENANT_ID: 't' }).join()).toContain('GRAPH_CLIENT_ID');
    expect(problemsOf({ MicrosoftAppPassword: 'pw' }).join()).toContain('MicrosoftAppId is required');
    expect(problemsOf({ BIND_HOST: '0.0.0.0' }).join()).toContain('BIND_HOST');
  });

  it('serves TENANT_ID (or the sandbox tenant) plus ALLOWED_TENANT_IDS, normalised; names entries that are not ids', () => {
    expect(UNCONFIGURED_HOME_TENANT_ID).toBe(SANDBOX_TENANT_ID);
    expect(loadConfig({}).homeTenantIds).toEqual([SANDBOX_TENANT_ID]);
    const config = loadConfig({
      TENANT_ID: TENANT.toUpperCase(),
      GRAPH_CLIENT_ID: 'c',
      GRAPH_CLIENT_SECRET: 's',
      ALLOWED_TENANT_IDS: ` ${OTHER_TENANT.toUpperCase()}, ${TENANT}`,
    });
    expect(config.homeTenantIds).toEqual([TENANT, OTHER_TENANT]);
    const problems = problemsOf({ ALLOWED_TENANT_IDS: `${OTHER_TENANT},contoso.com`, TENANT_ID: 'secret-name' }).join();
    expect(problems).toContain('ALLOWED_TENANT_IDS entry 2 is not a tenant id');
    expect(problems).toContain('TENANT_ID is not a tenant id');
    expect(problems).not.toContain('contoso.com');
  });

  it('requires credentials for the AdminService auth mode chosen', () => {
    expect(problemsOf({ ADMINSERVICE_URL: 'https://sms.contoso.com/AdminService' }).join()).toContain(
      'ADMINSERVICE_USERNAME',
    );
    expect(
      problemsOf({ ADMINSERVICE_URL: 'https://cmg.contoso.com/AdminService', ADMINSERVICE_AUTH: 'bearer' }).join(),
    ).toContain('ADMINSERVICE_SCOPE');
  });
});

describe('loadConfig, storage', () => {
  it('keeps files by default, with leases that only matter for blob', () => {
    const config = loadConfig({});
    expect(config.storage).toEqual({ kind: 'file', dataDir: './data' });
    expect(config.scaleOut).toEqual({ leaseDurationMs: 30_000, schedulerTickMs: 15_000 });
  });

  it('reads blob storage by connection string or account URL, container attachops by default', () => {
    expect(loadConfig({ STORAGE: 'blob', STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage).toEqual({
      kind: 'blob',
      container: 'attachops',
      connectionString: 'UseDevelopmentStorage=true',
    });
    expect(
      loadConfig({
        STORAGE: 'blob',
        STORAGE_ACCOUNT_URL: 'https://contoso.blob.core.windows.net',
        STORAGE_CONTAINER: 'ops-state',
        LEASE_DURATION: '1500ms',
        SCHEDULER_TICK: '500ms',
      }),
    ).toMatchObject({
      storage: { kind: 'blob', container: 'ops-state', accountUrl: 'https://contoso.blob.core.windows.net/' },
      scaleOut: { leaseDurationMs: 1500, schedulerTickMs: 500 },
    });
  });

  it('names the storage variables that do not fit, never their values', () => {
    const secret = 'AccountKey=c2VjcmV0';
    const problems = problemsOf({ STORAGE_CONNECTION_STRING: secret });
    expect(problems).toEqual([
      'STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL need STORAGE=blob (the default is file)',
    ]);
    expect(problemsOf({ STORAGE: 'blob' })).toEqual([
      'STORAGE=blob needs exactly one of STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL',
    ]);
    expect(
      problemsOf({ STORAGE: 'blob', STORAGE_CONNECTION_STRING: secret, STORAGE_CONTAINER: 'Bad_Name' })[0],
    ).toMatch(/^STORAGE_CONTAINER must be a blob container name/);
    expect(problemsOf({ LEASE_DURATION: '10s', SCHEDULER_TICK: '15s' })).toEqual([
      'LEASE_DURATION must be at least twice SCHEDULER_TICK, so the scheduler renews its lease in time',
    ]);
    expect(JSON.stringify(problemsOf({ STORAGE: 'sql', STORAGE_CONNECTION_STRING: secret }))).not.toContain('c2VjcmV0');
  });
});
