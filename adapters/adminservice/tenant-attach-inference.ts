import { z } from 'zod';
import type { UploadScope } from '../../core/ports/configmgr-gateway.js';
import type { AdminServiceTransport } from './transport.js';
import type { WmiReader } from './wmi-reader.js';

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

const coManagedRowSchema = z.object({ ResourceID: z.number() }).loose();

/**
 * GUESS (graph-intune.md §11.7 asks whether tenant-attached clients are co-managed; configmgr-adminservice.md §6 lists
 * a per-device `CoManaged` flag [V], its values and the class that serves it here are [I]): one client with
 * `CoManaged eq 0` in SMS_CombinedDeviceResources means not every client is co-managed; none means all are; a failed
 * read is unknown. Correct it here against a lab capture.
 */
export async function readAllClientsCoManaged(wmi: WmiReader): Promise<boolean | 'unknown'> {
  const rows = await wmi.list(
    '/wmi/SMS_CombinedDeviceResources',
    { $filter: 'IsClient eq true and CoManaged eq 0', $select: 'ResourceID', $top: '1' },
    coManagedRowSchema,
  );
  if (!rows.ok) return 'unknown';
  return rows.value.length === 0;
}
