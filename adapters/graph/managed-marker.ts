/**
 * How AttachOps recognises its own policies: a suffix on the description, `[managed by AttachOps ref <write ref>]`.
 * Names stay the user's choice (and may be shared or renamed in the portal); the description is the one free-text
 * property the service keeps as written (graph-beta-schema.json: deviceManagementConfigurationPolicy), and the marker
 * survives edits in the portal unless someone deletes it on purpose. The ref is the run step that created the policy
 * (core/runs/unknown-outcome.ts), so a create whose answer was lost is found by it and never made twice.
 */
export const ATTACHOPS_MARKER = '[managed by AttachOps]';

const MARKER_PATTERN = /\[managed by AttachOps(?: ref ([A-Za-z0-9._:/-]{1,80}))?\]$/;

export function withMarker(description: string, ref?: string): string {
  const trimmed = description.trim();
  const marker = ref === undefined ? ATTACHOPS_MARKER : `[managed by AttachOps ref ${ref}]`;
  return trimmed === '' ? marker : `${trimmed} ${marker}`;
}

export function splitMarker(description: string | null | undefined): {
  description: string;
  managed: boolean;
  ref?: string;
} {
  const text = (description ?? '').trim();
  const match = MARKER_PATTERN.exec(text);
  if (!match) return { description: text, managed: false };
  const rest = text.slice(0, match.index).trim();
  return match[1] === undefined
    ? { description: rest, managed: true }
    : { description: rest, managed: true, ref: match[1] };
}
