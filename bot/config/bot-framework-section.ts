import type { BotFrameworkCredentials } from './config-types.js';
import type { Environment } from './config-schema.js';

/** Bot Framework credentials: MicrosoftAppId with a secret, a certificate or a managed identity. */
export function botFrameworkProblems(values: Environment): string[] {
  const problems: string[] = [];
  const hasSecret = values.MicrosoftAppPassword !== undefined;
  const hasCertificate =
    values.MicrosoftAppCertificateThumbprint !== undefined ||
    values.MicrosoftAppCertificatePrivateKeyFile !== undefined;
  if (values.MicrosoftAppId === undefined) {
    if (hasSecret || hasCertificate)
      problems.push('MicrosoftAppId is required when an app secret or certificate is set');
    if (values.BIND_HOST !== undefined) {
      problems.push(
        'BIND_HOST can only be set with Bot Framework credentials (without them the bot listens on 127.0.0.1)',
      );
    }
    return problems;
  }
  if (values.MicrosoftAppType === 'UserAssignedMSI') return problems;
  if (!hasSecret && !hasCertificate) {
    problems.push(
      'MicrosoftAppPassword (or MicrosoftAppCertificateThumbprint with MicrosoftAppCertificatePrivateKeyFile) is required with MicrosoftAppId',
    );
  }
  if (
    hasCertificate &&
    (values.MicrosoftAppCertificateThumbprint === undefined ||
      values.MicrosoftAppCertificatePrivateKeyFile === undefined)
  ) {
    problems.push('MicrosoftAppCertificateThumbprint and MicrosoftAppCertificatePrivateKeyFile go together');
  }
  if (values.MicrosoftAppType === 'SingleTenant' && values.MicrosoftAppTenantId === undefined) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  if (hasCertificate && values.BOT_HOST === 'agents') {
    // The Agents SDK's certificate connection reads a certificate PEM file (certPemFile), not a thumbprint; not mapped yet.
    problems.push(
      'MicrosoftAppCertificateThumbprint/MicrosoftAppCertificatePrivateKeyFile work with BOT_HOST=botbuilder only; use MicrosoftAppPassword or UserAssignedMSI with BOT_HOST=agents',
    );
  }
  return problems;
}

export function botFrameworkCredentials(values: Environment): BotFrameworkCredentials | undefined {
  if (values.MicrosoftAppId === undefined) return undefined;
  const certificate =
    values.MicrosoftAppCertificateThumbprint && values.MicrosoftAppCertificatePrivateKeyFile
      ? {
          thumbprint: values.MicrosoftAppCertificateThumbprint,
          privateKeyFile: values.MicrosoftAppCertificatePrivateKeyFile,
        }
      : undefined;
  return {
    appId: values.MicrosoftAppId,
    appType: values.MicrosoftAppType,
    tenantId: values.MicrosoftAppTenantId,
    password: values.MicrosoftAppPassword,
    certificate,
  };
}
