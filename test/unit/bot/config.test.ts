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
