import { readFileSync } from 'node:fs';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  CertificateServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import type { Logger } from '../../../core/ports/logger.js';
import type { BotFrameworkCredentials } from '../../config/config.js';
import type { TokenValidationEndpoints } from '../token-validation.js';

/** CloudAdapter whose request authentication the HTTP layer runs itself, so it can answer 401 or 503 precisely. */
export class AttachOpsAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authorization);
  }

  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/** botbuilder's CloudAdapter; without credentials it accepts unauthenticated requests (loopback only, see config). */
export function createAdapter(
  credentials: BotFrameworkCredentials | undefined,
  log: Logger,
  endpoints?: TokenValidationEndpoints,
): AttachOpsAdapter {
  const options = {
    MicrosoftAppId: credentials?.appId ?? '',
    MicrosoftAppPassword: credentials?.password ?? '',
    MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: credentials?.tenantId ?? '',
    ...(endpoints ? parameterizedCloud(endpoints) : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
  const certificate = credentials?.certificate;
  const credentialsFactory = certificate
    ? new CertificateServiceClientCredentialsFactory(
        credentials.appId,
        certificate.thumbprint,
        readFileSync(certificate.privateKeyFile, 'utf8'),
        credentials.tenantId,
      )
    : undefined;
  const adapter = new AttachOpsAdapter(new ConfigurationBotFrameworkAuthentication(options, credentialsFactory));
  // The turn logic answers its own failures (bot/turns/attachops-turns.ts); what reaches here failed in the host itself.
  adapter.onTurnError = async (turn, error) => {
    log.error(
      { err: error, activityType: turn.activity.type, conversationId: turn.activity.conversation?.id },
      'turn failed in the host',
    );
  };
  return adapter;
}

/** Setting any endpoint makes botbuilder take every one as given, so the public cloud's values fill the rest. */
function parameterizedCloud(endpoints: TokenValidationEndpoints): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: endpoints.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.emulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}
