/** Error codes of the ConfigMgr gateway, exactly as configmgr-adminservice.md §8. */
export type GatewayErrorCode =
  | 'ProviderUnreachable'
  | 'TlsUntrusted'
  | 'Unauthenticated'
  | 'AccessDenied'
  | 'Timeout'
  | 'NotTopLevelSite'
  | 'VersionTooOld'
  | 'HotfixMissing'
  | 'CollectionNotFound'
  | 'NotDeviceCollection'
  | 'NotTenantAttached'
  | 'CollectionOutOfUploadScope'
  | 'UnsupportedCloud'
  | 'ManualStepRequired'
  | 'NotSupportedByApi'
  | 'Unexpected';

export interface GatewayError {
  readonly code: GatewayErrorCode;
  readonly message: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly details?: unknown;
}

/** The gateway never throws for an expected failure: every method resolves to a Result. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatewayError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: GatewayError): Result<T> {
  return { ok: false, error };
}

export function gatewayError(
  code: GatewayErrorCode,
  message: string,
  extra: { httpStatus?: number; retryable?: boolean; details?: unknown } = {},
): GatewayError {
  return { code, message, retryable: extra.retryable ?? false, ...withoutUndefined(extra) };
}

function withoutUndefined(extra: { httpStatus?: number; details?: unknown }): {
  httpStatus?: number;
  details?: unknown;
} {
  return {
    ...(extra.httpStatus === undefined ? {} : { httpStatus: extra.httpStatus }),
    ...(extra.details === undefined ? {} : { details: extra.details }),
  };
}
