import { z } from 'zod';
import { UpstreamForbidden, UpstreamNotFound } from '../../core/errors/upstream-error.js';
import type { PolicyDriftReads, ProbeResult } from '../../core/ports/policy-drift-reads.js';
import { DRIFT_PROBE_QUERY } from './drift-probe-query.js';
import type { GraphHttp } from './graph-http.js';

const POLICIES = 'deviceManagement/configurationPolicies';
const auditEventSchema = z.object({
  activityDateTime: z.string(),
  activity: z.string().nullish(),
  actor: z
    .object({
      userPrincipalName: z.string().nullish(),
      applicationDisplayName: z.string().nullish(),
      applicationId: z.string().nullish(),
    })
    .nullish(),
  resources: z.array(z.object({ resourceId: z.string().nullish() })).nullish(),
});

/** An unquoted DateTimeOffset literal, without fractions (the form the audit filter takes). */
function dateTimeLiteral(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d+Z$/, 'Z');
}

const probeSchema = z.object({
  lastModifiedDateTime: z.string(),
  settingCount: z.number().nullish(),
  assignments: z.array(z.unknown()).nullish(),
});

/** The drift watch's reads: the cheap look in $batch calls of 20 (graph-batch.ts), the full read only when asked. */
export function createGraphPolicyDriftReads(http: GraphHttp): PolicyDriftReads {
  const path = (policyId: string): string => `${POLICIES}/${encodeURIComponent(policyId)}`;
  return {
    async probe(policyIds) {
      const outcomes = await http.batch(
        'look at watched policies',
        policyIds.map((policyId, index) => ({
          id: String(index),
          method: 'GET' as const,
          url: `${path(policyId)}?${DRIFT_PROBE_QUERY}`,
        })),
      );
      const results = new Map<string, ProbeResult>();
      outcomes.forEach((outcome, index) => {
        const policyId = policyIds[index] ?? '';
        if (!outcome.ok) {
          results.set(
            policyId,
            outcome.error instanceof UpstreamNotFound
              ? { kind: 'gone' }
              : { kind: 'unreadable', reason: outcome.error.message },
          );
          return;
        }
        const parsed = probeSchema.safeParse(outcome.body);
        results.set(
          policyId,
          parsed.success
            ? {
                kind: 'found',
                probe: {
                  lastModifiedDateTime: parsed.data.lastModifiedDateTime,
                  settingCount: parsed.data.settingCount ?? 0,
                  assignments: parsed.data.assignments ?? [],
                },
              }
            : { kind: 'unreadable', reason: 'the policy read back in an unexpected shape' },
        );
      });
      return results;
    },
    async read(policyId) {
      const operation = 'read watched policy';
      try {
        const [policy, assignments] = await Promise.all([
          http.send({ operation, method: 'GET', path: `/${path(policyId)}`, query: { $expand: 'settings' } }),
          http.getAll({ operation, path: `/${path(policyId)}/assignments` }),
        ]);
        return { policy: policy.body, assignments };
      } catch (error) {
        if (error instanceof UpstreamNotFound) return undefined;
        throw error;
      }
    },
    async changesSince(since) {
      try {
        const rows = await http.getAll({
          operation: 'read Intune audit events',
          path: '/deviceManagement/auditEvents',
          query: { $filter: `activityDateTime ge ${dateTimeLiteral(since)}` },
        });
        const changes = rows.flatMap((row) => {
          const parsed = auditEventSchema.safeParse(row);
          if (!parsed.success) return [];
          const { actor, resources } = parsed.data;
          const person = actor?.userPrincipalName ?? undefined;
          return [
            {
              at: parsed.data.activityDateTime,
              actor: person ?? actor?.applicationDisplayName ?? actor?.applicationId ?? 'someone',
              actorKind: person ? ('person' as const) : ('app' as const),
              activity: parsed.data.activity ?? '',
              policyIds: (resources ?? []).flatMap((r) => (r.resourceId ? [r.resourceId.toLowerCase()] : [])),
            },
          ];
        });
        return { kind: 'read', changes };
      } catch (error) {
        if (error instanceof UpstreamForbidden) return { kind: 'not-permitted' };
        return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
