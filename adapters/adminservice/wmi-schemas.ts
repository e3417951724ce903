import { z } from 'zod';

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');
const count = z.coerce
  .number()
  .nullish()
  .transform((value) => value ?? 0);

export const siteRowSchema = z.object({
  SiteCode: z.string(),
  SiteName: text,
  ServerName: text,
  Version: text,
  BuildNumber: z.coerce.number(),
  Type: z.coerce.number(),
  ReportingSiteCode: text,
});

export const updatePackageRowSchema = z.object({
  Name: text,
  PackageGuid: text,
  State: z.coerce.number(),
  UpdateType: z.coerce.number().nullish(),
  SupersededByNameList: z.union([z.array(z.string()), z.string()]).nullish(),
});

export const collectionRowSchema = z.object({
  CollectionID: z.string(),
  Name: text,
  CollectionType: z.coerce.number(),
  MemberCount: count,
  LocalMemberCount: z.coerce.number().nullish(),
  LimitToCollectionID: z.string().nullish(),
  LastRefreshTime: z.string().nullish(),
});

export const collectionIdRowSchema = z.object({ CollectionID: z.string() });

export const memberRowSchema = z.object({
  ResourceID: z.coerce.number(),
  Name: text,
  IsClient: z.boolean().nullish(),
  SiteCode: z.string().nullish(),
});

export const tenantRowSchema = z.object({
  TenantID: z.string(),
  Name: z.string().nullish(),
  Environment: z.coerce.number().nullish(),
});

export const environmentRowSchema = z.object({ ID: z.coerce.number(), EnvironmentName: z.string() });

export const groupMappingRowSchema = z.object({
  AADGroupID: z.string().nullish(),
  AADGroupName: z.string().nullish(),
  CollectionSiteID: z.string(),
  Flag: z.coerce.number().nullish(),
});

/** A list answer; `@odata.nextLink` when the server stopped short of what was asked (server-driven paging). */
export const listSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });
