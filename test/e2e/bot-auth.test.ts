import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { freePort } from '../support/free-port.js';
import { startTokenIssuer, type TokenClaims, type TokenIssuer } from '../support/token-issuer.js';
import { createRecordingLogger, type LoggedLine } from '../unit/storage/recording-logger.js';

const APP_ID = '3f6b2c1d-8e4a-4b7c-9d2e-1a0f5e6d7c8b';
const CREDENTIALS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-app-password' };

/** With app credentials, through the real endpoint: botbuilder's validator against our own signing keys. */
describe('Bot Framework authentication with app credentials', () => {
  let issuer: TokenIssuer;
  let harness: TestBot;
  const lines: LoggedLine[] = [];

  beforeAll(async () => {
    issuer = await startTokenIssuer();
    harness = await startTestBot({
      env: CREDENTIALS,
      tokenValidation: issuer.endpoints,
      log: createRecordingLogger(lines),
    });
  });
  afterAll(async () => {
    await harness.close();
    await issuer.close();
  });

  const activity = () => invokeActivity('help.all', {}, { serviceUrl: harness.connector.url, from: ALEX });
  const claimsFor = (serviceUrl: string, extra: TokenClaims = {}): TokenClaims => ({
    aud: APP_ID,
    serviceurl: serviceUrl,
    ...extra,
  });
  const now = () => Math.floor(Date.now() / 1000);

  const FORGED: readonly [string, (serviceUrl: string) => string | undefined][] = [
    ['missing', () => undefined],
    ['not a bearer token', () => 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
    ['malformed', () => 'Bearer not.a.jwt'],
    ['malformed base64', () => 'Bearer eyJ!!!.eyJ???.x'],
    ['unsigned (alg none)', (url) => `Bearer ${issuer.sign(claimsFor(url), { alg: 'none' })}`],
    ['signed with another key', (url) => `Bearer ${issuer.sign(claimsFor(url), { key: issuer.strangerKey })}`],
    ['HS256 with the public key as secret', (url) => `Bearer ${issuer.sign(claimsFor(url), { alg: 'HS256' })}`],
    ['an unknown key id', (url) => `Bearer ${issuer.sign(claimsFor(url), { kid: 'someone-else' })}`],
    ['expired', (url) => `Bearer ${issuer.sign(claimsFor(url, { exp: now() - 3600, nbf: now() - 7200 }))}`],
    ['not yet valid', (url) => `Bearer ${issuer.sign(claimsFor(url, { nbf: now() + 3600 }))}`],
    ['for another audience', (url) => `Bearer ${issuer.sign(claimsFor(url, { aud: 'another-bot' }))}`],
    ['from another issuer', (url) => `Bearer ${issuer.sign(claimsFor(url, { iss: 'https://evil.example' }))}`],
    ['for another service URL', (url) => `Bearer ${issuer.sign(claimsFor(`${url}elsewhere/`))}`],
    ['12 KB long (past our 8 KB cap, within what Node parses)', () => `Bearer ${'a'.repeat(12 * 1024)}`],
  ];

  it.each(FORGED)('refuses a token that is %s with 401, a generic body and no reply', async (_case, header) => {
    const before = harness.connector.calls.length;
    const linesBefore = lines.length;
    const authorization = header(harness.connector.url);
    const response = await harness.postRaw(
      JSON.stringify(activity()),
      authorization === undefined ? {} : { authorization },
    );
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text)).toEqual({ error: 'Unauthorized' });
    expect(harness.connector.calls.length).toBe(before);
    const logged = lines.slice(linesBefore);
    expect(logged.some((line) => line.level === 'warn')).toBe(true);
    const token = authorization?.split(' ')[1];
    if (token) expect(JSON.stringify(logged)).not.toContain(token.slice(0, 40));
  });

  it("refuses a 64 KB Authorization header in Node's HTTP parser (431), before any code or log sees it", async () => {
    const before = harness.connector.calls.length;
    const linesBefore = lines.length;
    const response = await harness.postRaw(JSON.stringify(activity()), {
      authorization: `Bearer ${'a'.repeat(64 * 1024)}`,
    });
    expect(response.status).toBe(431);
    expect(harness.connector.calls.length).toBe(before);
    expect(JSON.stringify(lines.slice(linesBefore))).not.toContain('aaaaaaaa');
    expect((await harness.post(activity())).status).toBe(401);
  });

  it('accepts a valid token signed with the published key', async () => {
    const token = issuer.sign(claimsFor(harness.connector.url));
    const response = await harness.post(activity(), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('AttachOps commands');
    expect(JSON.stringify(lines)).not.toContain(token.slice(0, 40));
  });

  it('refuses a valid token replayed for a message to another service URL', async () => {
    const token = issuer.sign(claimsFor(harness.connector.url));
    const message = messageActivity('help', { serviceUrl: 'http://127.0.0.1:9/', from: ALEX });
    expect((await harness.post(message, { authorization: `Bearer ${token}` })).status).toBe(401);
  });
});

describe('Bot Framework authentication when the key endpoints cannot be reached', () => {
  it('answers 503 with Retry-After, never 500 with the underlying message', async () => {
    const issuer = await startTokenIssuer();
    const unreachableOrigin = `http://127.0.0.1:${await freePort()}`;
    const unreachable = `${unreachableOrigin}/v1/.well-known/openidconfiguration`;
    const lines: LoggedLine[] = [];
    const harness = await startTestBot({
      env: CREDENTIALS,
      tokenValidation: {
        ...issuer.endpoints,
        channelOpenIdMetadataUrl: unreachable,
        emulatorOpenIdMetadataUrl: unreachable,
        keysAuthority: unreachableOrigin,
      },
      log: createRecordingLogger(lines),
    });
    try {
      const token = issuer.sign({ aud: APP_ID, serviceurl: harness.connector.url });
      const activity = invokeActivity('help.all', {}, { serviceUrl: harness.connector.url, from: ALEX });
      const response = await fetch(`${harness.bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = await response.text();
      expect(body).not.toMatch(/ECONNREFUSED|fetch|127\.0\.0\.1/i);
      expect(lines.some((line) => line.level === 'warn' && /signing keys/.test(line.message ?? ''))).toBe(true);
      expect(JSON.stringify(lines)).not.toContain(token.slice(0, 40));
    } finally {
      await harness.close();
      await issuer.close();
    }
  });
});
