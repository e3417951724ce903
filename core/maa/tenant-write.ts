/**
 * maa.md step 1 [DOC]: the decoded justification is at most 1,024 characters. Counted here in UTF-16 units, the stricter
 * reading (a .NET string's length; never more code points than that), and cut only between whole characters (maa.md
 * "Length": on code points, never inside a surrogate pair; here also never inside an emoji sequence or a flag).
 */
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

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of whole user-perceived characters (grapheme clusters) that fits in `room` UTF-16 units. */
function fitWhole(text: string, room: number): string {
  if (text.length <= room) return text;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** `text` whole if it fits, else cut between whole characters with an ellipsis, within `room` UTF-16 units. */
function shorten(text: string, room: number): string {
  if (text.length <= room) return text;
  return room < ELLIPSIS.length ? '' : `${fitWhole(text, room - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** The justification an Intune admin reads: what, who asked, who approved in Teams, the plan hash; never longer than allowed. */
export function buildJustification(facts: JustificationFacts): string {
  const tail =
    ` Requested by ${facts.requestedBy} in Teams; approved in Teams by ${facts.approvedBy.join(', ') || 'nobody'}` +
    ` (AttachOps request ${facts.approvalId}, run ${facts.runId}, plan sha256 ${facts.planHash}).`;
  const head = 'AttachOps: ';
  const what = shorten(facts.what, Math.max(0, MAX_JUSTIFICATION_CHARS - head.length - tail.length));
  return shorten(`${head}${what}${tail}`, MAX_JUSTIFICATION_CHARS);
}
