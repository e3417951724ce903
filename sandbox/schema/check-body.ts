import { GRAPH_BETA_EXTRACT } from './graph-beta-extract.js';

/** One place where a write body departs from Microsoft's published schema (sandbox/schema/graph-beta-extract.ts). */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

interface TypeInfo {
  readonly baseType: string | null;
  readonly abstract: boolean;
  readonly properties: Readonly<Record<string, string | null>>;
  readonly navigationProperties: Readonly<Record<string, string | null>>;
}

const TYPES: Readonly<Record<string, TypeInfo>> = GRAPH_BETA_EXTRACT.types;
const ENUMS: Readonly<Record<string, readonly string[]>> = GRAPH_BETA_EXTRACT.enums;
const NAMESPACE = /^#?microsoft\.graph\./;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function baseChain(name: string): string[] {
  const chain: string[] = [];
  for (
    let current: string | null = name;
    current !== null && TYPES[current];
    current = TYPES[current]?.baseType ?? null
  )
    chain.push(current);
  return chain;
}

function memberType(typeName: string, property: string): { found: boolean; type: string | null } {
  for (const name of baseChain(typeName)) {
    const info = TYPES[name];
    if (info && property in info.properties) return { found: true, type: info.properties[property] ?? null };
    if (info && property in info.navigationProperties)
      return { found: true, type: info.navigationProperties[property] ?? null };
  }
  return { found: false, type: null };
}

/** Checks `value` against the schema type `declared` (a type, enum, `Edm.*` or `Collection(...)` name). */
export function checkAgainstType(value: unknown, declared: string | null, path = '$'): SchemaProblem[] {
  if (declared === null || value === null) return [];
  const collection = /^Collection\((.*)\)$/.exec(declared);
  if (collection) {
    if (!Array.isArray(value)) return [{ path, message: `expected a collection of ${collection[1]}` }];
    return value.flatMap((item, index) => checkAgainstType(item, collection[1] ?? null, `${path}[${index}]`));
  }
  if (declared.startsWith('Edm.')) return checkPrimitive(value, declared, path);
  const members = ENUMS[declared];
  if (members) return checkEnum(value, declared, members, path);
  if (TYPES[declared]) return checkStructured(value, declared, path);
  return [{ path, message: `type ${declared} is not in the schema extract` }];
}

function checkPrimitive(value: unknown, declared: string, path: string): SchemaProblem[] {
  const ok =
    declared === 'Edm.String' || declared === 'Edm.DateTimeOffset'
      ? typeof value === 'string'
      : declared === 'Edm.Int32' || declared === 'Edm.Int64'
        ? Number.isInteger(value)
        : declared === 'Edm.Boolean'
          ? typeof value === 'boolean'
          : declared === 'Edm.Guid'
            ? typeof value === 'string' && GUID.test(value)
            : true;
  return ok ? [] : [{ path, message: `expected ${declared}, got ${JSON.stringify(value)}` }];
}

/** Graph compares enum members without regard to case; flags enums are sent comma-joined. */
function checkEnum(value: unknown, declared: string, members: readonly string[], path: string): SchemaProblem[] {
  if (typeof value !== 'string')
    return [{ path, message: `expected a ${declared} member, got ${JSON.stringify(value)}` }];
  const known = new Set(members.map((member) => member.toLowerCase()));
  const unknown = value.split(',').filter((part) => !known.has(part.trim().toLowerCase()));
  return unknown.length === 0 ? [] : [{ path, message: `'${unknown.join(',')}' is not a member of ${declared}` }];
}

function checkStructured(value: unknown, declared: string, path: string): SchemaProblem[] {
  if (!isObject(value)) return [{ path, message: `expected an object of type ${declared}` }];
  const odataType = value['@odata.type'];
  let actual = declared;
  if (odataType !== undefined) {
    const named = typeof odataType === 'string' ? odataType.replace(NAMESPACE, '') : '';
    if (!TYPES[named]) return [{ path, message: `unknown @odata.type ${JSON.stringify(odataType)}` }];
    if (!baseChain(named).includes(declared)) return [{ path, message: `@odata.type ${named} is not a ${declared}` }];
    actual = named;
  } else if (TYPES[declared]?.abstract) {
    return [{ path, message: `${declared} is abstract: @odata.type must name the concrete type` }];
  }
  return Object.entries(value).flatMap(([key, child]) => {
    if (key === '@odata.type') return [];
    const member = memberType(actual, key);
    if (!member.found)
      return [{ path: `${path}.${key}`, message: `property '${key}' does not exist on type ${actual}` }];
    return checkAgainstType(child, member.type, `${path}.${key}`);
  });
}

/**
 * Multi Admin Approval's collection-bound actions (maa.md: `cancelMyRequest {"id"}`, `retrieveRequestStatus
 * {"entityId","entityType"}`, both `Edm.String` on Microsoft's Graph beta reference pages). They are newer than the
 * metadata the extract is built from (../shared/reference/graph-beta-schema.json has no operationApprovalRequest), so
 * they are kept here by hand until the extract's source has them.
 */
const MAA_ACTIONS = [
  { name: 'cancelMyRequest', bindsTo: 'Collection(operationApprovalRequest)', parameters: { id: 'Edm.String' } },
  {
    name: 'retrieveRequestStatus',
    bindsTo: 'Collection(operationApprovalRequest)',
    parameters: { entityId: 'Edm.String', entityType: 'Edm.String' },
  },
] as const;

/** Which schema shape a Graph write must have, by method and path (after /beta or /v1.0). */
function writeShape(method: string, path: string): { type: string } | { action: string; bindsTo: string } | undefined {
  const policies = /^\/?deviceManagement\/configurationPolicies(?:\/([^/]+))?(?:\/([^/]+))?$/i.exec(path);
  if (policies) {
    if (!policies[1] && method === 'POST') return { type: 'deviceManagementConfigurationPolicy' };
    if (policies[1] && !policies[2] && (method === 'PUT' || method === 'PATCH'))
      return { type: 'deviceManagementConfigurationPolicy' };
    if (policies[2] && method === 'POST')
      return { action: policies[2], bindsTo: 'deviceManagementConfigurationPolicy' };
  }
  const approvals = /^\/?deviceManagement\/operationApprovalRequests\/([^/]+)$/i.exec(path);
  if (approvals && method === 'POST')
    return { action: approvals[1] ?? '', bindsTo: 'Collection(operationApprovalRequest)' };
  const report = /^\/?deviceManagement\/reports\/(?:microsoft\.graph\.)?([^/]+)$/i.exec(path);
  if (report && method === 'POST') return { action: report[1] ?? '', bindsTo: 'deviceManagementReports' };
  return undefined;
}

/**
 * Problems of one Graph write (`path` relative to the version segment; `$batch` items are checked one by one). A
 * write the extract has no shape for is itself a problem: a new write must be added to scripts/extract-graph-schema.mjs.
 */
export function checkGraphWrite(method: string, path: string, body: unknown): SchemaProblem[] {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'DELETE') return [];
  if (/^\/?\$batch$/.test(path)) return checkBatch(body);
  const shape = writeShape(verb, path);
  if (!shape) return [{ path: '$', message: `no schema shape for ${verb} ${path}` }];
  if ('type' in shape) return checkAgainstType(body, shape.type);
  const operation = [...GRAPH_BETA_EXTRACT.operations, ...MAA_ACTIONS].find(
    (candidate) => candidate.name === shape.action && candidate.bindsTo === shape.bindsTo,
  );
  if (!operation)
    return [{ path: '$', message: `action ${shape.action} on ${shape.bindsTo} is not in the schema extract` }];
  if (!isObject(body)) return [{ path: '$', message: `the ${shape.action} parameters must be an object` }];
  const parameters: Readonly<Record<string, string>> = operation.parameters;
  return Object.entries(body).flatMap(([key, value]) =>
    key in parameters
      ? checkAgainstType(value, parameters[key] ?? null, `$.${key}`)
      : [{ path: `$.${key}`, message: `${shape.action} has no parameter '${key}'` }],
  );
}

function checkBatch(body: unknown): SchemaProblem[] {
  const requests = isObject(body) && Array.isArray(body.requests) ? body.requests : [];
  return requests.flatMap((request: unknown, index) => {
    if (!isObject(request)) return [{ path: `$.requests[${index}]`, message: 'not an object' }];
    const url = String(request.url ?? '').split('?')[0] ?? '';
    return checkGraphWrite(String(request.method ?? 'GET'), url.startsWith('/') ? url : `/${url}`, request.body).map(
      (problem) => ({ ...problem, path: `$.requests[${index}].body${problem.path.slice(1)}` }),
    );
  });
}
