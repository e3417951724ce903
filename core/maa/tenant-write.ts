/** maa.md step 1 [DOC]: the decoded justification is at most 1,024 characters. */
export const MAX_JUSTIFICATION_CHARS = 1024;

export interface JustificationFacts {
  /** What the change does: the approved plan's title. */
  readonly what: string;
  readonly requestedBy: string;
  readonly approvedBy: readonly string[];
  readonly planHash: string;
  readonly approvalId: string;
  readonly runId: string;
}

/** The justification an Intune admin reads: what, who asked, who approved in Teams, the plan hash; never longer than allowed. */
export function buildJustification(facts: JustificationFacts): string {
  const tail =
    ` Requested by ${facts.requestedBy} in Teams; approved in Teams by ${facts.approvedBy.join(', ') || 'nobody'}` +
    ` (AttachOps request ${facts.approvalId}, run ${facts.runId}, plan sha256 ${facts.planHash}).`;
  const head = 'AttachOps: ';
  const room = MAX_JUSTIFICATION_CHARS - head.length - tail.length;
  const what = facts.what.length <= room ? facts.what : `${facts.what.slice(0, Math.max(0, room - 1))}…`;
  return `${head}${what}${tail}`.slice(0, MAX_JUSTIFICATION_CHARS);
}
