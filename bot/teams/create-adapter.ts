import { readFileSync } from 'node:fs';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { CertificateServiceClientCredentialsFactory } from 'botframework-connector';
import type { Logger } from '../../core/ports/logger.js';
import type { BotFrameworkCredentials } from '../config/config.js';
import { failureCard } from '../commands/failure-card.js';

/** botbuilder's CloudAdapter; without credentials it accepts unauthenticated requests (loopback only, see config). */
export function createAdapter(credentials: BotFrameworkCredentials | undefined, log: Logger): CloudAdapter {
  const options = {
    MicrosoftAppId: credentials?.appId ?? '',
    MicrosoftAppPassword: credentials?.password ?? '',
    MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: credentials?.tenantId ?? '',
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
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options, credentialsFactory));
  adapter.onTurnError = async (turn, error) => {
    const correlationId = turn.activity.id ?? 'unknown';
    const card = failureCard(
      error,
      correlationId,
      log.child({ correlationId, conversationId: turn.activity.conversation?.id }),
    );
    if (turn.activity.type === 'message') {
      await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    }
  };
  return adapter;
}
