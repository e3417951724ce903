import type { AssignmentFilterRef, AssignmentTarget } from '../policy/assignment-target.js';
import type { AssignmentFilter, EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { UserFacingError } from '../user-facing-error.js';

/** Every profile of the catalog is a Windows policy; only a Windows filter can narrow them. */
const WINDOWS_FILTER_PLATFORM = 'windows10andlater';
const MAX_LISTED = 10;

export interface FilterRequest {
  readonly filter?: string;
  readonly filterMode?: 'include' | 'exclude';
}

/** Filter id → display name, read only when a target has a filter or one was asked for. */
export type FilterNames = ReadonlyMap<string, string>;

export async function readFilters(
  policies: Pick<EndpointSecurityPolicies, 'listAssignmentFilters'>,
  existing: readonly AssignmentTarget[],
  request: FilterRequest,
): Promise<readonly AssignmentFilter[]> {
  if (request.filter === undefined && !existing.some((target) => target.filter !== undefined)) return [];
  if (request.filter !== undefined) return policies.listAssignmentFilters();
  // Only names for the plan are at stake: a failed read shows the filter's id instead.
  return policies.listAssignmentFilters().catch(() => []);
}

/** The filter `--filter "<name>" --filter-mode include|exclude` names, or undefined without --filter. */
export function chooseFilter(
  filters: readonly AssignmentFilter[],
  request: FilterRequest,
): AssignmentFilterRef | undefined {
  if (request.filter === undefined) {
    if (request.filterMode === undefined) return undefined;
    throw new UserFacingError(
      '--filter-mode needs --filter',
      `--filter-mode ${request.filterMode} says how to use a filter, but no --filter names one.`,
      'Add --filter "<filter name>", or leave out --filter-mode.',
    );
  }
  const wanted = request.filter.trim();
  const matches = filters.filter(
    (filter) => filter.id.toLowerCase() === wanted.toLowerCase() || filter.displayName === wanted,
  );
  const found =
    matches.length > 0 ? matches : filters.filter((f) => f.displayName.toLowerCase() === wanted.toLowerCase());
  if (found.length !== 1) {
    const names = filters.filter(isWindowsFilter).map((filter) => `"${filter.displayName}"`);
    throw new UserFacingError(
      found.length === 0 ? 'Assignment filter not found' : 'Assignment filter name is ambiguous',
      found.length === 0
        ? `Intune has no assignment filter named "${wanted}".`
        : `${found.length} assignment filters are named "${wanted}": ${found.map((filter) => filter.id).join(', ')}.`,
      found.length === 0
        ? `Windows filters in this tenant: ${names.slice(0, MAX_LISTED).join(', ') || 'none'}. Filters are made in the Intune admin center (Tenant administration > Filters).`
        : 'Use the filter id in --filter.',
    );
  }
  const filter = found[0] as AssignmentFilter;
  if (!isWindowsFilter(filter)) {
    throw new UserFacingError(
      'The filter is for another platform',
      `"${filter.displayName}" filters ${filter.platform} devices; endpoint security policies for ConfigMgr devices and Azure AD groups apply to Windows 10 and later.`,
      'Pick a filter whose platform is Windows 10 and later.',
    );
  }
  return { id: filter.id, mode: request.filterMode ?? 'include' };
}

export function filterNames(filters: readonly AssignmentFilter[]): FilterNames {
  return new Map(filters.map((filter) => [filter.id.toLowerCase(), filter.displayName]));
}

/** "filter Windows 11 devices (include)", or '' for a target without a filter. */
export function describeFilter(filter: AssignmentFilterRef | undefined, names: FilterNames): string {
  if (filter === undefined) return '';
  return `filter ${names.get(filter.id.toLowerCase()) ?? filter.id} (${filter.mode})`;
}

function isWindowsFilter(filter: AssignmentFilter): boolean {
  return filter.platform.toLowerCase() === WINDOWS_FILTER_PLATFORM;
}
