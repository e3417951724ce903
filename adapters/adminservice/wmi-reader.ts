import type { z } from 'zod';
import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import { failureFromStatus, failureFromThrown, type StatusContext } from './map-failure.js';
import type { AdminServiceResponse, AdminServiceTransport } from './transport.js';
import { listSchema } from './wmi-schemas.js';

/** Reads WMI classes as zod-checked rows; every failure becomes a gateway error, nothing throws. */
export interface WmiReader {
  list<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    schema: S,
    context?: StatusContext,
  ): Promise<Result<z.infer<S>[]>>;
}

export function createWmiReader(transport: AdminServiceTransport): WmiReader {
  return {
    async list(path, query, schema, context = {}) {
      let response: AdminServiceResponse;
      try {
        response = await transport.send({ method: 'GET', path, query });
      } catch (error) {
        return fail(failureFromThrown(error));
      }
      if (response.status < 200 || response.status >= 300) return fail(failureFromStatus(response, context));
      const body = listSchema.safeParse(response.json);
      if (!body.success)
        return fail(gatewayError('Unexpected', `${path} did not return a list`, { httpStatus: response.status }));
      const rows = [];
      for (const item of body.data.value) {
        const row = schema.safeParse(item);
        if (!row.success)
          return fail(
            gatewayError(
              'Unexpected',
              `${path} returned a row of an unexpected shape: ${row.error.issues[0]?.message ?? ''}`,
            ),
          );
        rows.push(row.data);
      }
      return ok(rows);
    },
  };
}
