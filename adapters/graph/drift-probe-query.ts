/**
 * The cheap look at one policy for the drift watch: its `lastModifiedDateTime`, `settingCount` and assignments in one
 * request, so a $batch of 20 looks at 20 policies. graph-intune.md §12.5 confirms the two properties [CSDL] and that
 * an assignment change may not bump `lastModifiedDateTime` [U]; that `assignments` can be expanded on a
 * configuration policy is our reading (INFERRED: it is a contained navigation property in the CSDL, and `$expand` of
 * contained collections is standard OData). If a lab capture says otherwise, this is the one place to change: the
 * probe becomes two items per policy.
 */
export const DRIFT_PROBE_QUERY = '$select=id,lastModifiedDateTime,settingCount&$expand=assignments';
