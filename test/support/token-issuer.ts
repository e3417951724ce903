import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenValidationEndpoints } from '../../bot/hosts/token-validation.js';

/** The issuer the Bot Framework channel puts in its tokens; only the keys are ours. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * The Agents SDK fetches login.botframework.com's keys for `iss: https://api.botframework.com` and cannot be pointed
 * elsewhere, so on that host (BOT_HOST=agents) the tokens carry an issuer of our own, listed in the bot's `issuers`, and
 * the keys are served where the SDK looks for any other issuer: `{authority}/{tenant}/discovery/v2.0/keys`.
 */
export function testIssuerFor(origin: string): string {
  return process.env.BOT_HOST === 'agents' ? `${origin}/attachops-test-issuer/` : CHANNEL_ISSUER;
}

export interface TokenClaims {
  readonly [claim: string]: unknown;
}

export interface TokenIssuer {
  readonly endpoints: TokenValidationEndpoints;
  /** The `iss` of the tokens signed (depends on BOT_HOST, see testIssuerFor). */
  readonly issuer: string;
  /** A token signed with the published key (RS256), with `claims` over sensible defaults. */
  sign(claims: TokenClaims, options?: { key?: KeyObject; alg?: string; kid?: string }): string;
  /** A key that is not published. */
  readonly strangerKey: KeyObject;
  close(): Promise<void>;
}

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

/** A local OpenID metadata document and JWKS standing in for login.botframework.com, with our own signing keys. */
export async function startTokenIssuer(): Promise<TokenIssuer> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'attachops-test-key';
  const jwk = published.publicKey.export({ format: 'jwk' });
  let origin = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${origin}/v1/keys` }));
    } else if (req.url === '/v1/keys' || req.url?.endsWith('/discovery/v2.0/keys')) {
      res.end(
        JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const metadata = `${origin}/v1/.well-known/openidconfiguration`;
  const issuer = testIssuerFor(origin);

  return {
    endpoints: {
      channelOpenIdMetadataUrl: metadata,
      emulatorOpenIdMetadataUrl: metadata,
      keysAuthority: origin,
      issuers: [issuer],
    },
    issuer,
    strangerKey: stranger.privateKey,
    sign(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const header = base64url(JSON.stringify({ alg, typ: 'JWT', kid: options.kid ?? kid }));
      const now = Math.floor(Date.now() / 1000);
      const payload = base64url(JSON.stringify({ iss: issuer, nbf: now - 60, exp: now + 3600, ...claims }));
      const input = `${header}.${payload}`;
      if (alg === 'none') return `${input}.`;
      const key = options.key ?? published.privateKey;
      if (alg === 'HS256') {
        // The published public key used as an HMAC secret: the classic algorithm-confusion forgery.
        const secret = published.publicKey.export({ format: 'pem', type: 'spki' });
        return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      }
      const signer = createSign(alg === 'RS512' ? 'RSA-SHA512' : 'RSA-SHA256');
      signer.update(input);
      return `${input}.${base64url(signer.sign(key))}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
