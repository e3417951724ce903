import { describe, expect, it } from 'vitest';
import { createGraphHttp } from '../../adapters/graph/graph-http.js';
import { createGraphIntuneApprovals } from '../../adapters/graph/maa/graph-intune-approvals.js';
import { UpstreamForbidden } from '../../core/errors/upstream-error.js';
import { silentLogger } from '../../core/ports/logger.js';
import { fakeGraphClient, jsonResponse, manualClock, type SeenRequest } from './fake-graph-client.js';

const CODE = '2b27bcce-ea38-40c4-9da6-bd27f8af48a3';
const BASE = 'https://graph.test/beta/deviceManagement/operationApprovalRequests';
const request = (fields: Record<string, unknown> = {}) => ({ id: CODE, status: 'needsApproval', ...fields });
const notFound = () => jsonResponse(404, { error: { code: 'ResourceNotFound', message: 'not found' } });
const refusedFilter = () =>
  jsonResponse(400, {
    error: {
      code: 'BadRequest',
      message: "Could not find a property named 'requestId' on type 'operationApprovalRequest'.",
    },
  });
const list = (...value: unknown[]) => jsonResponse(200, { value });

type Answers = { byId: () => Response; list: () => Response; filter: () => Response };

function setup(answers: Answers) {
  const { client, seen } = fakeGraphClient((seenRequest: SeenRequest) => {
    const url = decodeURIComponent(seenRequest.url);
    if (url.includes('operationApprovalPolicies')) return list();
    if (url === `${BASE}/${CODE}`) return answers.byId();
    if (url.startsWith(`${BASE}?`) && url.includes('$filter=requestId')) return answers.filter();
    if (url === BASE) return answers.list();
    throw new Error(`unexpected ${url}`);
  });
  const http = createGraphHttp({
    client,
    logger: silentLogger,
    clock: manualClock(),
    random: () => 1,
    retry: { maxTotalMs: 3_000 },
  });
  const lookups = () =>
    seen
      .map((entry) => decodeURIComponent(entry.url))
      .filter((url) => url.includes('operationApprovalRequests'))
      .map((url) => (url === `${BASE}/${CODE}` ? 'by id' : url.includes('$filter') ? 'filter' : 'list'));
  return { approvals: createGraphIntuneApprovals(http), lookups };
}

/** maa.md "Finding the request": by id, then the list matched on `id`, then the how-to's `requestId` filter. */
describe('getRequest finds the request three ways before it says "not found"', () => {
  it('reads it by its id (= the approval code) first, and stops there', async () => {
    const { approvals, lookups } = setup({ byId: () => jsonResponse(200, request()), list, filter: refusedFilter });
    expect(await approvals.getRequest(CODE)).toMatchObject({ requestId: CODE, status: 'needsApproval' });
    expect(lookups()).toEqual(['by id']);
  });

  it('when the read by id 404s, matches the list on id (case-insensitively)', async () => {
    const { approvals, lookups } = setup({
      byId: notFound,
      list: () =>
        list(request({ id: 'other', status: 'approved' }), request({ id: CODE.toUpperCase(), status: 'approved' })),
      filter: refusedFilter,
    });
    expect(await approvals.getRequest(CODE)).toMatchObject({ requestId: CODE, status: 'approved' });
    expect(lookups()).toEqual(['by id', 'list']);
  });

  it('then asks with the documented requestId filter, matched on requestId', async () => {
    const { approvals, lookups } = setup({
      byId: notFound,
      list: () => list(request({ id: 'other' })),
      filter: () => list(request({ id: 'internal-1', requestId: CODE, status: 'rejected' })),
    });
    expect(await approvals.getRequest(CODE)).toMatchObject({ requestId: CODE, status: 'rejected' });
    expect(lookups()).toEqual(['by id', 'list', 'filter']);
  });

  it('is undefined only when every way answered and none found it; a refused filter (400) is no error', async () => {
    const { approvals, lookups } = setup({ byId: notFound, list: () => list(), filter: refusedFilter });
    expect(await approvals.getRequest(CODE)).toBeUndefined();
    expect(lookups()).toEqual(['by id', 'list', 'filter']);
  });

  it('a way that could not answer is an error when no other way found the request', async () => {
    const forbidden = () => jsonResponse(403, { error: { code: 'Forbidden', message: 'no' } });
    const { approvals } = setup({ byId: forbidden, list: () => list(), filter: refusedFilter });
    await expect(approvals.getRequest(CODE)).rejects.toBeInstanceOf(UpstreamForbidden);
  });

  it('a way that could not answer does not hide what a later way finds', async () => {
    const unavailable = () => jsonResponse(503, { error: { code: 'ServiceUnavailable', message: 'busy' } });
    const { approvals, lookups } = setup({
      byId: notFound,
      list: unavailable,
      filter: () => list(request({ requestId: CODE })),
    });
    expect(await approvals.getRequest(CODE)).toMatchObject({ requestId: CODE });
    expect(lookups().at(-1)).toBe('filter');
  });
});
