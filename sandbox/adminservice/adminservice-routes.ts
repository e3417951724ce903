import { createHash } from 'node:crypto';
import type { Router } from '../http/router.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { World } from '../world/world.js';
import type { AdminServiceAuth } from './adminservice-auth.js';
import { ADMINSERVICE_METADATA } from './metadata.js';
import { tenantCollectionMapping } from './tenant-collection-mapping.js';
import { queryRows } from './wmi-query.js';
import {
  AZURE_ENVIRONMENTS,
  aadGroupMappingRows,
  collectionRow,
  membershipRows,
  type Row,
  tenantRows,
} from './wmi-rows.js';

type RowSource = (world: World, query: URLSearchParams) => Iterable<Row>;

function* allCollections(world: World): Generator<Row> {
  for (const c of world.hierarchy.collections()) yield collectionRow(c, world);
}

function* memberships(world: World, query: URLSearchParams): Generator<Row> {
  const only = /CollectionID eq '([^']+)'/i.exec(query.get('$filter') ?? '');
  const single = only ? world.hierarchy.collection(only[1] as string) : undefined;
  if (only && !single) return;
  for (const c of single ? [single] : world.hierarchy.collections()) yield* membershipRows(c, world);
}

/** Devices of All Systems with `CoManaged` from the scenario's co-management (sandbox/README.md). */
function* combinedDeviceRows(world: World): Generator<Row> {
  const all = world.hierarchy.collection('SMS00001');
  if (!all) return;
  for (const row of membershipRows(all, world)) {
    yield {
      ResourceID: row.ResourceID,
      Name: row.Name,
      IsClient: row.IsClient,
      CoManaged: world.cloud.coManagement && row.IsClient === true ? 1 : 0,
    };
  }
}

const CLASSES: Readonly<Record<string, RowSource>> = {
  SMS_Site: (w) => [{ ...w.hierarchy.site }],
  SMS_CM_UpdatePackages: (w) => w.hierarchy.updates.map((u) => ({ ...u })),
  SMS_CM_UpdatePackagesHistory: (w) => w.hierarchy.history.map((u) => ({ ...u })),
  SMS_Collection: (w) => allCollections(w),
  SMS_FullCollectionMembership: memberships,
  SMS_AAD_Tenant_Ex: tenantRows,
  SMS_AzureEnvironments: () => AZURE_ENVIRONMENTS.map((e) => ({ ...e })),
  SMS_CollectionAADGroupMapping: aadGroupMappingRows,
  SMS_CombinedDeviceResources: combinedDeviceRows,
};

const wmiError = (status: number, message: string): SandboxResponse =>
  json(status, { error: { code: String(status), message } });

function resolveClass(world: World, name: string): string | undefined {
  const exact = Object.keys(CLASSES).find((k) => k === name);
  if (exact || world.facts.classNamesCaseSensitive) return exact;
  return Object.keys(CLASSES).find((k) => k.toLowerCase() === name.toLowerCase());
}

function etag(row: Row): string {
  return `W/"${createHash('sha1').update(JSON.stringify(row)).digest('hex').slice(0, 16)}"`;
}

function decorate(row: Row): Row {
  return { '@odata.etag': etag(row), ...row, __LAZYPROPERTIES: [] };
}

function list(req: SandboxRequest, world: World, className: string, pageLimit: number): SandboxResponse {
  const source = (CLASSES[className] as RowSource)(world, req.query);
  const page = queryRows(source, req.query, pageLimit);
  if (page instanceof Error) return wmiError(400, `Invalid $filter: ${page.message}`);
  const body: Record<string, unknown> = {
    '@odata.context': `${req.origin}/AdminService/wmi/$metadata#${className}`,
    value: page.rows.map(decorate),
  };
  if (page.more) {
    const params = new URLSearchParams(req.query);
    const skip = Number(params.get('$skip') ?? 0) || 0;
    params.set('$skip', String(skip + page.rows.length));
    body['@odata.nextLink'] = `${req.origin}${encodeURI(req.path)}?${params.toString()}`;
  }
  return json(200, body);
}

const KEYED = /^(?<cls>\w+)\('(?<key>[^']*)'\)$/;
const STATIC_METHOD = /^(?<cls>\w+)\.(?<method>\w+)$/;

/** `pageLimit`: rows per answer at most (`POST /_sandbox/adminservice/page-limit`; the real limit is [U]). */
export function registerAdminServiceRoutes(
  router: Router,
  world: () => World,
  auth: AdminServiceAuth,
  pageLimit: () => number,
): void {
  router.on('*', /^\/adminservice\/(?<rest>.*)$/i, (req, params) => {
    const denied = auth.check(req);
    if (denied) return denied;
    const rest = params.rest ?? '';
    if (/^v1\.0\/\$metadata$/i.test(rest))
      return { status: 200, headers: { 'Content-Type': 'application/xml' }, text: ADMINSERVICE_METADATA };
    const wmi = /^wmi\/(?<target>.+)$/i.exec(rest);
    if (!wmi) return wmiError(404, 'Resource not found');
    const target = wmi.groups?.target ?? '';
    const keyed = KEYED.exec(target);
    const method = STATIC_METHOD.exec(target);
    const w = world();
    if (
      method &&
      req.method === 'POST' &&
      method.groups?.cls?.toLowerCase() === 'sms_comgmtconfigs' &&
      method.groups.method?.toLowerCase() === 'gettenantcollectionmapping'
    ) {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = tenantCollectionMapping(w, req.origin, body.TenantID);
      return json(result.status, result.body);
    }
    const className = resolveClass(w, keyed?.groups?.cls ?? target);
    if (!className) return wmiError(404, `Invalid class name: ${keyed?.groups?.cls ?? target}`);
    if (req.method !== 'GET') return wmiError(405, 'Method not allowed');
    if (!keyed) return list(req, w, className, pageLimit());
    if (className !== 'SMS_Collection') return wmiError(404, 'Resource not found');
    const collection = w.hierarchy.collection(keyed.groups?.key ?? '');
    if (!collection) return wmiError(404, 'Resource not found');
    return json(200, {
      '@odata.context': `${req.origin}/AdminService/wmi/$metadata#SMS_Collection/$entity`,
      value: [decorate(collectionRow(collection, w))],
    });
  });
}
