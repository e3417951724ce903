import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { type UpstreamError, UpstreamUnauthorized, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { type Delivery, deliveryOf, networkCodeOf } from '../transient/network-failure.js';
import { type GraphCall, type GraphReply, isAbsoluteUrl, pathWithQuery } from './graph-call.js';
import { APPROVAL_CODE_HEADER } from './maa/held-write.js';

const GRAPH_VERSION = 'beta';
const identityErrorNames = new Set([
  'AuthenticationError',
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
]);
/** The name bot/upstream/token-failures.ts gives a token request that failed without a refusal. */
const TOKEN_SERVICE_UNAVAILABLE = 'TokenServiceUnavailable';
const thrownSchema = z.object({ code: z.string().nullish(), message: z.string().optional() });

/** No HTTP answer came back (or its body broke off); `delivery` says whether the service may have seen the request. */
export class GraphNoAnswer extends Error {
  override readonly name = 'GraphNoAnswer';
  constructor(
    readonly delivery: Delivery,
    readonly networkCode: string,
    readonly clientRequestId: string,
  ) {
    super(`no answer from Graph (${networkCode})`);
  }
}

/**
 * One HTTP exchange through the SDK, with no retry: the raw response type hands back every status so the
 * caller, not the SDK, decides what an error is. Throws only when no complete HTTP response came back: a
 * GraphNoAnswer for network failures and timeouts, an UpstreamError otherwise.
 */
export async function sendOnce(client: Client, call: GraphCall, clientRequestId: string): Promise<GraphReply> {
  let response: Response;
  try {
    response = await sendRaw(client, call, clientRequestId);
  } catch (error) {
    throw noResponseError(call.operation, clientRequestId, error);
  }
  return readReply(response, clientRequestId);
}

/** The HTTP exchange alone: whatever went wrong before a response arrived is thrown as it came (see noResponseError). */
export async function sendRaw(client: Client, call: GraphCall, clientRequestId: string): Promise<Response> {
  const path = pathWithQuery(call);
  let request = client.api(path).header('client-request-id', clientRequestId).responseType(ResponseType.RAW);
  if (!isAbsoluteUrl(path)) request = request.version(GRAPH_VERSION);
  for (const [name, value] of Object.entries(call.headers ?? {})) request = request.header(name, value);
  return dispatch(request, call);
}

/** Reads a response into a reply; a body that breaks off is a GraphNoAnswer (the service may have acted). */
export async function readReply(response: Response, clientRequestId: string): Promise<GraphReply> {
  const requestId = response.headers.get('request-id') ?? undefined;
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  let body: unknown;
  try {
    body = await readBody(response);
  } catch (error) {
    throw new GraphNoAnswer('maybe-sent', networkCodeOf(error) ?? 'body read failed', clientRequestId);
  }
  const approvalCode = response.headers.get(APPROVAL_CODE_HEADER) ?? undefined;
  const serviceDate = response.headers.get('date') ?? undefined;
  return {
    status: response.status,
    body,
    clientRequestId,
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(approvalCode === undefined ? {} : { approvalCode }),
    ...(serviceDate === undefined ? {} : { serviceDate }),
  };
}

async function dispatch(request: ReturnType<Client['api']>, call: GraphCall): Promise<Response> {
  switch (call.method) {
    case 'GET':
      return (await request.get()) as Response;
    case 'POST':
      return (await request.post(call.body ?? {})) as Response;
    case 'PUT':
      return (await request.put(call.body ?? {})) as Response;
    case 'PATCH':
      return (await request.patch(call.body ?? {})) as Response;
    case 'DELETE':
      return (await request.delete()) as Response;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What a failed exchange means for one call: a GraphNoAnswer when the network failed, else an UpstreamError. */
export function noResponseError(
  operation: string,
  clientRequestId: string,
  error: unknown,
): UpstreamError | GraphNoAnswer {
  const delivery = deliveryOf(error);
  if (delivery !== undefined) return new GraphNoAnswer(delivery, networkCodeOf(error) ?? 'network', clientRequestId);
  const thrown = thrownSchema.safeParse(error);
  const code = thrown.success ? (thrown.data.code ?? undefined) : undefined;
  const message = thrown.success ? thrown.data.message : undefined;
  const failure = { operation, clientRequestId, ...(message === undefined ? {} : { serviceMessage: message }) };
  if (code !== undefined && identityErrorNames.has(code)) {
    return new UpstreamUnauthorized({ upstream: 'identity', ...failure });
  }
  // No token (bot/upstream/token-failures.ts): the Graph request never left, so it is safe to try again, write or not.
  if (code === TOKEN_SERVICE_UNAVAILABLE) return new GraphNoAnswer('not-sent', 'no token', clientRequestId);
  return new UpstreamUnavailable(
    { upstream: 'graph', ...failure, ...(code === undefined ? {} : { serviceCode: code }) },
    1,
  );
}
