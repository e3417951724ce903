import { z } from 'zod';
import { UpstreamRejected, UpstreamResponseInvalid, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import type { CloudEnvironmentProbe } from '../../core/ports/cloud-environment.js';
import { inferCloud } from './infer-cloud.js';

/** Plain HTTP GET returning status and parsed JSON; bot/ passes one built on `fetch`. */
export type FetchJson = (url: string) => Promise<{ status: number; json: unknown }>;

const metadataSchema = z.object({
  cloud_instance_name: z.string(),
  tenant_region_scope: z.string().nullish(),
});

/** Reads `{authorityHost}/{tenantId}/v2.0/.well-known/openid-configuration` (graph-intune.md §2.1). */
export function createOidcCloudEnvironment(options: {
  authorityHost: string;
  tenantId: string;
  fetchJson: FetchJson;
}): CloudEnvironmentProbe {
  const url = `${options.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(options.tenantId)}/v2.0/.well-known/openid-configuration`;
  const operation = 'read the tenant OIDC metadata';
  return {
    async getCloudEnvironment() {
      let reply: { status: number; json: unknown };
      try {
        reply = await options.fetchJson(url);
      } catch (error) {
        throw new UpstreamUnavailable(
          { upstream: 'identity', operation, serviceMessage: error instanceof Error ? error.message : String(error) },
          1,
        );
      }
      if (reply.status >= 500)
        throw new UpstreamUnavailable({ upstream: 'identity', operation, status: reply.status }, 1);
      if (reply.status !== 200)
        throw new UpstreamRejected({
          upstream: 'identity',
          operation,
          status: reply.status,
          serviceMessage: 'unknown tenant or authority',
        });
      const metadata = metadataSchema.safeParse(reply.json);
      if (!metadata.success)
        throw new UpstreamResponseInvalid({ upstream: 'identity', operation }, 'no cloud_instance_name');
      const { cloud_instance_name: cloudInstanceName, tenant_region_scope: region } = metadata.data;
      return {
        cloud: inferCloud(cloudInstanceName, region ?? undefined),
        cloudInstanceName,
        ...(region == null ? {} : { tenantRegionScope: region }),
      };
    },
  };
}
