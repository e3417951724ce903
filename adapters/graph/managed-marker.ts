/**
 * How AttachOps recognises its own policies: a suffix on the description. Names stay the user's choice and
 * the marker survives edits in the portal unless someone deletes it on purpose.
 */
export const ATTACHOPS_MARKER = '[managed by AttachOps]';

export function withMarker(description: string): string {
  const trimmed = description.trim();
  return trimmed === '' ? ATTACHOPS_MARKER : `${trimmed} ${ATTACHOPS_MARKER}`;
}

export function splitMarker(description: string | null | undefined): { description: string; managed: boolean } {
  const text = (description ?? '').trim();
  if (!text.endsWith(ATTACHOPS_MARKER)) return { description: text, managed: false };
  return { description: text.slice(0, -ATTACHOPS_MARKER.length).trim(), managed: true };
}
