import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGraphEndpointSecurityPolicies } from '../../adapters/graph/graph-endpoint-security-policies.js';
import type { GraphCall, GraphMethod, GraphReply } from '../../adapters/graph/graph-call.js';
import { createGraphHttp } from '../../adapters/graph/graph-http.js';
import { heldForApproval } from '../../adapters/graph/maa/held-write.js';
import { UpstreamRejected } from '../../core/errors/upstream-error.js';
import { IntuneApprovalRequired } from '../../core/maa/intune-approval-required.js';
import { silentLogger } from '../../core/ports/logger.js';
import { fakeGraphClient, jsonResponse, manualClock, type Responder } from './fake-graph-client.js';

const WRITES: GraphMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const CODE = '5f0c7a1e-2b3d-4c5e-8f90-a1b2c3d4e5f6';
const PENDING = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

/** Intune's JSON nested as a string in `error.message` (graph-intune.md §7.4). */
const nested = (message: string, headers: Record<string, string> = {}) =>
  JSON.stringify({
    _version: 3,
    Message: `${message} - Activity ID: 0d0e0f00-1111-2222-3333-444455556666`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: JSON.stringify(headers),
  });

type Placement = (code: string) => { body: unknown; approvalCode?: string };
/** The three places a held write's code has been seen (maa.md "Corrections and field evidence"). */
const PLACEMENTS: Record<string, Placement> = {
  header: () => ({
    body: { error: { code: 'BadRequest', message: 'Operation requires approval.' } },
    approvalCode: CODE,
  }),
  'x-msft-approval-code: <guid> in the message': (code) => ({
    body: { error: { code: 'ApprovalRequired', message: `Request pending approval. x-msft-approval-code: ${code}` } },
  }),
  'the older "approval code <guid>"': (code) => ({
    body: { error: { code: 'Forbidden', message: `Needs approval. Approval code: ${code}` } },
  }),
  'Intune JSON nested in error.message': (code) => ({
    body: { error: { code: 'BadRequest', message: nested(`Held for approval, x-msft-approval-code: ${code}`) } },
  }),
  'nested HttpHeaders': (code) => ({
    body: { error: { code: 'BadRequest', message: nested('Held for approval', { 'x-msft-approval-code': code }) } },
  }),
};

const call = (method: GraphMethod, readOnly = false): GraphCall => ({
  operation: 'assign policy',
  method,
  path: '/deviceManagement/configurationPolicies/p-1/assign',
  body: { assignments: [] },
  ...(readOnly ? { readOnly } : {}),
});
const reply = (status: number, placed: { body: unknown; approvalCode?: string }): GraphReply => ({
  status,
  body: placed.body,
  clientRequestId: 'c-1',
  ...(placed.approvalCode === undefined ? {} : { approvalCode: placed.approvalCode }),
});

const anyPlacement = fc.constantFrom(...Object.values(PLACEMENTS));
const anyWrite = fc.constantFrom(...WRITES);
const any4xx = fc.integer({ min: 400, max: 499 });

describe('a held write is recognised by its approval code, whatever the status and outer code', () => {
  it('any 4xx to a write with the code in any of its placements is a hold for that code', () => {
    fc.assert(
      fc.property(any4xx, anyWrite, anyPlacement, fc.uuid(), (status, method, place, code) => {
        const placed = place(code);
        const held = heldForApproval(call(method), reply(status, placed));
        expect(held).toBeInstanceOf(IntuneApprovalRequired);
        expect(held?.requestId.toLowerCase()).toBe((placed.approvalCode ?? code).toLowerCase());
        expect(held?.rejoined).toBe(false);
        expect(held?.heldWrite).toEqual({ ...call(method), readOnly: undefined, operation: 'assign policy' });
      }),
    );
  });

  it('a GET, a read-only POST, or a status outside 4xx is never a hold', () => {
    const notFourXx = fc.oneof(fc.integer({ min: 200, max: 399 }), fc.integer({ min: 500, max: 599 }));
    fc.assert(
      fc.property(any4xx, anyPlacement, fc.uuid(), (status, place, code) => {
        expect(heldForApproval(call('GET'), reply(status, place(code)))).toBeUndefined();
        expect(heldForApproval(call('POST', true), reply(status, place(code)))).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(notFourXx, anyWrite, anyPlacement, fc.uuid(), (status, method, place, code) => {
        expect(heldForApproval(call(method), reply(status, place(code)))).toBeUndefined();
      }),
    );
  });

  it('a refused write without a code anywhere is not a hold, even 403 ApprovalRequired', () => {
    const outerCode = fc.constantFrom('ApprovalRequired', 'BadRequest', 'Forbidden', 'Conflict');
    const noGuid = fc.string().filter((text) => !/[0-9a-f]{8}-[0-9a-f]{4}-/i.test(text));
    fc.assert(
      fc.property(any4xx, anyWrite, outerCode, noGuid, (status, method, code, text) => {
        const bodies = [
          { error: { code, message: text } },
          { error: { code, message: nested(`x-msft-approval-code: ${text}`) } },
          { error: { code, message: `approval code ${text}` } },
        ];
        for (const body of bodies) expect(heldForApproval(call(method), reply(status, { body }))).toBeUndefined();
      }),
    );
  });
});

function setup(respond: Responder) {
  const { client, seen } = fakeGraphClient(respond);
  const http = createGraphHttp({ client, logger: silentLogger, clock: manualClock(), random: () => 1 });
  return { policies: createGraphEndpointSecurityPolicies(http), seen };
}

const WRITE = { ref: 'r-1.s3', beforeSend: () => Promise.resolve(), justification: 'AttachOps: assign "EDR".' };
const ACTIVE = 'An active Approval Request already exists for this entity';
const FQ_TYPE = 'Microsoft.Management.Services.Api.DeviceManagementConfigurationPolicy';
const entityStatus = (requestId: string | null) => ({
  value: { requestId, requestStatus: 'needsApproval', entityLocked: requestId !== null },
});

describe('a write that meets an active request rejoins it', () => {
  it('412 BadRequest with nested JSON and the header (field reports) is a hold, sent once', async () => {
    const { policies, seen } = setup(() =>
      jsonResponse(
        412,
        { error: { code: 'BadRequest', message: nested(`x-msft-approval-code: ${CODE}`) } },
        { 'x-msft-approval-code': CODE },
      ),
    );
    await expect(policies.delete('p-1', WRITE)).rejects.toMatchObject({ requestId: CODE, rejoined: false });
    expect(seen).toHaveLength(1);
  });

  it('409 "active Approval Request": finds the pending request with retrieveRequestStatus and joins it', async () => {
    const { policies, seen } = setup((request) => {
      if (request.url.endsWith('/retrieveRequestStatus')) return jsonResponse(200, entityStatus(PENDING));
      if (request.url.endsWith(`/operationApprovalRequests/${PENDING}`)) {
        return jsonResponse(200, { id: PENDING, status: 'needsApproval' });
      }
      return jsonResponse(409, { error: { code: 'BadRequest', message: nested(ACTIVE) } });
    });
    const error = await policies
      .assign('p-1', [{ kind: 'collection', collectionId: 'PS100042' }], WRITE)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IntuneApprovalRequired);
    expect(error).toMatchObject({ requestId: PENDING, rejoined: true, operation: 'assign policy' });
    expect((error as IntuneApprovalRequired).heldWrite).toMatchObject({
      method: 'POST',
      path: '/deviceManagement/configurationPolicies/p-1/assign',
      body: seen[0]?.body,
    });
    expect(seen.map((request) => request.method)).toEqual(['POST', 'POST', 'GET']);
    expect(seen[1]?.body).toEqual({ entityId: 'p-1', entityType: FQ_TYPE });
    expect(
      seen.filter((request) => request.headers['x-msft-approval-justification'] !== undefined),
      'never a second justification request',
    ).toHaveLength(1);
  });

  it('skips an entity type whose answer 404s (a bogus id) and tries the next', async () => {
    const bogus = '00000000-1111-4222-8333-444444444444';
    const { policies, seen } = setup((request) => {
      if (request.url.endsWith('/retrieveRequestStatus')) {
        const body = request.body as { entityType: string };
        return jsonResponse(200, entityStatus(body.entityType === FQ_TYPE ? bogus : PENDING));
      }
      if (request.url.endsWith(`/operationApprovalRequests/${PENDING}`)) {
        return jsonResponse(200, { id: PENDING, status: 'approved' });
      }
      if (request.method === 'GET') return jsonResponse(404, { error: { code: 'ResourceNotFound', message: 'no' } });
      return jsonResponse(409, { error: { code: 'Conflict', message: ACTIVE } });
    });
    await expect(policies.delete('p-1', WRITE)).rejects.toMatchObject({ requestId: PENDING, rejoined: true });
    expect(seen.filter((request) => request.url.endsWith('/retrieveRequestStatus'))).toHaveLength(2);
  });

  it('when no pending request can be found, the 409 is an ordinary refusal', async () => {
    const { policies, seen } = setup((request) =>
      request.url.endsWith('/retrieveRequestStatus')
        ? jsonResponse(200, entityStatus(null))
        : jsonResponse(409, { error: { code: 'Conflict', message: ACTIVE } }),
    );
    await expect(policies.delete('p-1', WRITE)).rejects.toBeInstanceOf(UpstreamRejected);
    expect(
      seen.filter((request) => request.method === 'DELETE'),
      'the write is not sent again',
    ).toHaveLength(1);
  });
});
