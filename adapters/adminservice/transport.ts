export type AdminServiceMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AdminServiceRequest {
  readonly method: AdminServiceMethod;
  /** Under the AdminService root, e.g. `/wmi/SMS_Site` or `/wmi/SMS_Collection('PS100042')`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** A POST to a WMI method that only reads (e.g. GetTenantCollectionMapping): retried like a GET. */
  readonly readOnly?: boolean;
}

export interface AdminServiceResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body, or undefined when it was empty or not JSON. */
  readonly json: unknown;
}

/**
 * How the gateway reaches the SMS Provider (NTLM on-prem, Bearer through a CMG). It resolves for every HTTP
 * status and rejects only when no response came back, with the Node error (its `code`, e.g. ECONNREFUSED).
 */
export interface AdminServiceTransport {
  send(request: AdminServiceRequest): Promise<AdminServiceResponse>;
}

/** The code a transport puts on its own request timeout. */
export const TRANSPORT_TIMEOUT_CODE = 'TIMEOUT';
