import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCollections } from '../../../adapters/adminservice/collection-queries.js';
import type { AdminServiceRequest, AdminServiceTransport } from '../../../adapters/adminservice/transport.js';
import { createWmiReader, MAX_CONTINUATIONS } from '../../../adapters/adminservice/wmi-reader.js';
import { collectionIdRowSchema } from '../../../adapters/adminservice/wmi-schemas.js';
import { ok } from '../../../core/errors/gateway-error.js';

const ID = (index: number) => `PS1${index.toString(16).toUpperCase().padStart(5, '0')}`;

/**
 * An AdminService list of `total` collections that answers at most `cap` rows per response (server-driven paging, its
 * limit not documented: configmgr-adminservice.md §2 [U]) with `@odata.nextLink` when it stopped short; `eagerLink`
 * also adds the link when `$top` was met and rows remain, as the sandbox does.
 */
function pagedList(total: number, cap: number, eagerLink = false) {
  const requests: AdminServiceRequest[] = [];
  const transport: AdminServiceTransport = {
    send(request) {
      requests.push(request);
      const skip = Number(request.query?.$skip ?? 0);
      const top = request.query?.$top === undefined ? Number.POSITIVE_INFINITY : Number(request.query.$top);
      const end = Math.min(total, skip + Math.min(top, cap));
      const value = Array.from({ length: Math.max(0, end - skip) }, (_, offset) => ({
        CollectionID: ID(skip + offset),
      }));
      const stoppedShort = end < total && end < skip + top;
      const link = stoppedShort || (eagerLink && end < total);
      return Promise.resolve({
        status: 200,
        headers: {},
        json: {
          value,
          ...(link ? { '@odata.nextLink': `https://elsewhere.example/AdminService/wmi/X?$skip=${end}` } : {}),
        },
      });
    },
  };
  return { transport, requests };
}

describe('AdminService lists under server-driven paging', () => {
  it('reads exactly the rows asked for, whatever page limit the server keeps, never following the link itself', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 1200 }),
        fc.integer({ min: 0, max: 3200 }),
        fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
        fc.boolean(),
        async (total, cap, skip, top, eagerLink) => {
          const { transport, requests } = pagedList(total, cap, eagerLink);
          const query = { $skip: String(skip), ...(top === undefined ? {} : { $top: String(top) }) };
          const read = await createWmiReader(transport).list('/wmi/SMS_Collection', query, collectionIdRowSchema);
          const end = Math.min(total, skip + (top ?? Number.POSITIVE_INFINITY));
          const expected = Array.from({ length: Math.max(0, end - skip) }, (_, offset) => ID(skip + offset));
          const pagesNeeded = Math.max(1, Math.ceil(expected.length / cap));
          if (pagesNeeded > MAX_CONTINUATIONS) {
            expect(read.ok).toBe(false);
            expect(requests).toHaveLength(MAX_CONTINUATIONS);
            return;
          }
          expect(requests).toHaveLength(pagesNeeded);
          expect(read).toEqual(ok(expected.map((id) => ({ CollectionID: id }))));
          expect(requests.every((request) => request.path === '/wmi/SMS_Collection')).toBe(true);
        },
      ),
      // exactly MAX_CONTINUATIONS pages (3,000 rows of 30) is a whole list, one more page is not
      {
        numRuns: 200,
        examples: [
          [3000, 30, 0, undefined, false],
          [3000, 29, 0, undefined, true],
        ],
      },
    );
  });

  it('counts 10,015 collections exactly when the server answers at most 250 rows a response', async () => {
    const { transport, requests } = pagedList(10_015, 250);
    expect(await countCollections(createWmiReader(transport), { type: 'device' })).toEqual(ok(10_015));
    expect(requests.length).toBeGreaterThan(10);
  });

  it('gives up with an error, not a short list, when a server keeps paging', async () => {
    const { transport } = pagedList(1_000_000, 1);
    const read = await createWmiReader(transport).list('/wmi/SMS_Collection', {}, collectionIdRowSchema);
    expect(read.ok).toBe(false);
  });
});
