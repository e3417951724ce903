import { z } from 'zod';
import type { UploadScope } from '../../core/ports/configmgr-gateway.js';
import type { AdminServiceTransport } from './transport.js';

/**
 * GUESS (configmgr-adminservice.md §3: which rows tenant attach writes is [I]): the site knows an Azure AD tenant in
 * SMS_AAD_Tenant_Ex only once "Upload to Microsoft Endpoint Manager admin center" was configured, so a row for the
 * tenant means attached. Correct it here against a lab capture.
 */
export function attachedFromTenantRow(row: { readonly TenantID?: string | null } | undefined): boolean {
  return row !== undefined && typeof row.TenantID === 'string' && row.TenantID !== '';
}

const mappingSchema = z
  .object({ ReturnValue: z.number().optional(), CollectionSiteID: z.string().nullable().optional() })
  .loose();

/**
 * GUESS (configmgr-adminservice.md §4 and §10.1: the output of SMS_CoMgmtConfigs.GetTenantCollectionMapping is [I]):
 * `CollectionSiteID` names the one upload-scope collection; empty means "all my devices". Anything else: unknown.
 */
export async function readUploadScope(transport: AdminServiceTransport, tenantId: string): Promise<UploadScope> {
  try {
    const response = await transport.send({
      method: 'POST',
      path: '/wmi/SMS_CoMgmtConfigs.GetTenantCollectionMapping',
      body: { TenantID: tenantId },
      readOnly: true,
    });
    if (response.status !== 200 && response.status !== 201) return { kind: 'unknown' };
    const parsed = mappingSchema.safeParse(response.json);
    if (!parsed.success) return { kind: 'unknown' };
    const collectionId = parsed.data.CollectionSiteID ?? '';
    return collectionId === '' ? { kind: 'all' } : { kind: 'collection', collectionId };
  } catch {
    return { kind: 'unknown' };
  }
}
