import { z } from 'zod';
import { type GatewayError, gatewayError } from '../../core/errors/gateway-error.js';
import { TRANSPORT_TIMEOUT_CODE, type AdminServiceResponse } from './transport.js';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);
const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
]);

const thrownSchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  cause: z.unknown().optional(),
});
const wmiErrorSchema = z.object({ error: z.object({ message: z.string().optional() }) });

/** Maps a transport failure with no HTTP response (configmgr-adminservice.md §9). */
export function failureFromThrown(error: unknown): GatewayError {
  const { code, message } = errorCode(error);
  if (code !== undefined && tlsCodes.has(code)) {
    return gatewayError(
      'TlsUntrusted',
      `the SMS Provider's certificate is not trusted (${code}); add its root (SMS Issuing or your PKI) to the CA bundle`,
      { details: { code } },
    );
  }
  if (code === TRANSPORT_TIMEOUT_CODE)
    return gatewayError('Timeout', 'the SMS Provider did not answer in time', { retryable: true });
  if (code !== undefined && unreachableCodes.has(code)) {
    return gatewayError('ProviderUnreachable', `cannot reach the SMS Provider (${code})`, {
      retryable: true,
      details: { code },
    });
  }
  return gatewayError('Unexpected', `AdminService call failed: ${message ?? 'unknown error'}`, { details: { code } });
}

export interface StatusContext {
  /** Set when the request addressed one collection by key: a plain 404 then means "no such collection". */
  readonly collectionId?: string;
}

/** Maps a non-2xx AdminService answer; 404 "Access denied" is RBAC, not a missing object (S10 #179). */
export function failureFromStatus(response: AdminServiceResponse, context: StatusContext = {}): GatewayError {
  const serviceMessage = wmiErrorSchema.safeParse(response.json).data?.error.message ?? '';
  const httpStatus = response.status;
  if (httpStatus === 401)
    return gatewayError(
      'Unauthenticated',
      'the SMS Provider rejected the credentials (check the user name format DOMAIN\\user and the password)',
      { httpStatus },
    );
  if (httpStatus === 403 || (httpStatus === 404 && /access denied/i.test(serviceMessage))) {
    return gatewayError(
      'AccessDenied',
      `the account lacks ConfigMgr RBAC rights for this query${serviceMessage ? `: ${serviceMessage.trim()}` : ''}`,
      { httpStatus },
    );
  }
  if (httpStatus === 404 && context.collectionId !== undefined) {
    return gatewayError('CollectionNotFound', `collection ${context.collectionId} does not exist`, { httpStatus });
  }
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) {
    return gatewayError('ProviderUnreachable', `the SMS Provider is unavailable (${httpStatus})`, {
      httpStatus,
      retryable: true,
    });
  }
  return gatewayError(
    'Unexpected',
    `AdminService answered ${httpStatus}${serviceMessage ? `: ${serviceMessage.trim()}` : ''}`,
    { httpStatus },
  );
}

function errorCode(error: unknown): { code?: string; message?: string } {
  const parsed = thrownSchema.safeParse(error);
  if (!parsed.success) return {};
  const cause = parsed.data.cause === undefined ? {} : errorCode(parsed.data.cause);
  const code = parsed.data.code ?? cause.code;
  const message = parsed.data.message ?? cause.message;
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}
