/**
 * Where inbound Bot Framework tokens' signing keys come from. The defaults are the public cloud's; tests point them at a
 * local stand-in with their own keys (test/support/token-issuer.ts). Each host reads the fields its SDK can use.
 */
export interface TokenValidationEndpoints {
  /** botbuilder: the channel's OpenID metadata document (its `jwks_uri` names the keys). */
  readonly channelOpenIdMetadataUrl: string;
  readonly emulatorOpenIdMetadataUrl: string;
  /**
   * Agents SDK: keys at `{keysAuthority}/discovery/v2.0/keys` for tokens whose `iss` is one of `issuers` (the SDK fetches
   * login.botframework.com's keys for `iss: https://api.botframework.com` and cannot be pointed elsewhere).
   */
  readonly keysAuthority?: string;
  readonly issuers?: readonly string[];
}
