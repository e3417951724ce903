import { edrProfile } from '../../core/policy/catalog/edr.js';

/**
 * Settings no body carries unless a user asks for them explicitly: M365DSC and CIPP dropped telemetry reporting
 * frequency from their EDR policies as deprecated (graph-intune.md §11.3). The ids themselves live in the profile
 * catalog (core/policy/catalog).
 */
export const DEPRECATED_SETTING_DEFINITION_IDS: ReadonlySet<string> = new Set(
  edrProfile.flags.filter((flag) => flag.key === 'telemetry').map((flag) => flag.graph.definitionId),
);
