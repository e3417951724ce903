import { describeDriftItem } from '../../core/drift/describe-drift.js';
import type { DriftNames } from '../../core/drift/drift-names.js';
import type { WhoChanged } from '../../core/drift/drift-watch.js';
import type { DriftItem } from '../../core/drift/policy-drift.js';
import type { CardExtras, DetailFact } from '../card-extras.js';
import { formatMoment } from '../time-format.js';
import { adminCenterPolicyUrl } from './admin-center-link.js';
import { detailFacts, plainText } from './technical-text.js';

/** Where the drift episode stands, as the card shows it. */
export type DriftCardStatus =
  | { readonly kind: 'open' }
  | { readonly kind: 'revert-requested'; readonly by: string; readonly at: string }
  | { readonly kind: 'accept-requested'; readonly by: string; readonly at: string }
  | { readonly kind: 'reverted'; readonly by: string; readonly at: string }
  | { readonly kind: 'recreated'; readonly by: string; readonly at: string }
  | { readonly kind: 'accepted'; readonly by: string; readonly at: string };

/** Everything the drift card is drawn from; stored with the card so a later update draws it again. */
export interface DriftCardInput {
  readonly episodeId: string;
  readonly policyId: string;
  readonly policyName: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly items: readonly DriftItem[];
  readonly who: WhoChanged;
  readonly status: DriftCardStatus;
  /** Display names of the groups and filters the items name, by lowercase object id (core/drift/drift-names.ts). */
  readonly groupNames?: DriftNames;
}

export interface DriftView extends CardExtras {
  readonly title: string;
  readonly subtitle: string;
  readonly changes: readonly string[];
  readonly who: readonly string[];
  readonly status: string;
  readonly statusColor: string;
  readonly canRevert: boolean;
  readonly canRecreate: boolean;
  readonly canAccept: boolean;
  readonly canOpen: boolean;
  readonly actionData: { readonly episodeId: string };
  readonly adminCenterUrl: string;
}

function whoLines(who: WhoChanged, now: Date): { lines: string[]; technical: string[] } {
  if (who.kind === 'not-permitted') {
    return {
      lines: ['Who changed it: the audit log could not be read: AttachOps may not read the Intune audit log.'],
      technical: [],
    };
  }
  if (who.kind === 'unknown') {
    const reason = plainText(who.reason, now);
    return {
      lines: [`Who changed it: the audit log could not be read: ${reason.text}`],
      technical: [...reason.technical],
    };
  }
  if (who.changes.length === 0) {
    return { lines: ['Who changed it: nobody in the Intune audit log since the baseline.'], technical: [] };
  }
  const lines = who.changes.map((change) =>
    plainText(
      `${change.actor} (${change.actorKind === 'app' ? 'an app' : 'a person'}) at ${formatMoment(change.at, now)}: ${change.activity}`,
      now,
    ),
  );
  return { lines: lines.map((line) => line.text), technical: lines.flatMap((line) => line.technical) };
}

function statusOf(input: DriftCardInput, now: Date): { status: string; color: string } {
  const { status } = input;
  switch (status.kind) {
    case 'open':
      return { status: 'It no longer matches what was approved.', color: 'Warning' };
    case 'revert-requested':
      return {
        status: `${status.by} asked to revert it ${formatMoment(status.at, now)}: waiting for approval.`,
        color: 'Accent',
      };
    case 'accept-requested':
      return {
        status: `${status.by} asked to accept it as the baseline ${formatMoment(status.at, now)}: waiting for approval.`,
        color: 'Accent',
      };
    case 'reverted':
      return {
        status: `Reverted to the baseline ${formatMoment(status.at, now)}: asked by ${status.by}, approved by a second person.`,
        color: 'Good',
      };
    case 'recreated':
      return {
        status: `Recreated as approved ${formatMoment(status.at, now)}: asked by ${status.by}, approved by a second person.`,
        color: 'Good',
      };
    case 'accepted':
      return {
        status: `Accepted as the new baseline ${formatMoment(status.at, now)}: asked by ${status.by}, approved by a second person.`,
        color: 'Good',
      };
  }
}

/** The drift card: each change approved → now, who changed it and when, and what can be done about it. */
export function toDriftView(input: DriftCardInput, now: Date): DriftView {
  const deleted = input.items.some((item) => item.kind === 'deleted');
  const changes = input.items.map((item) => plainText(describeDriftItem(item, input.groupNames), now));
  const who = whoLines(input.who, now);
  const { status, color } = statusOf(input, now);
  const settled =
    input.status.kind === 'reverted' || input.status.kind === 'recreated' || input.status.kind === 'accepted';
  const details: DetailFact[] = [
    { title: 'Drift episode', value: input.episodeId },
    { title: 'Policy id', value: input.policyId },
    { title: 'First seen', value: input.openedAt },
    { title: 'Last seen', value: input.updatedAt },
    ...detailFacts(changes.map((change, index) => ({ title: `Change ${index + 1}`, technical: change.technical }))),
    ...detailFacts([{ title: 'Audit log', technical: who.technical }]),
  ];
  return {
    title: deleted ? `Policy ${input.policyName} was deleted` : `Drift on policy ${input.policyName}`,
    subtitle: `First seen ${formatMoment(input.openedAt, now)}, last seen ${formatMoment(input.updatedAt, now)}.`,
    changes: changes.map((change) => change.text),
    who: who.lines,
    status,
    statusColor: color,
    canRevert: !settled && !deleted,
    canRecreate: !settled && deleted,
    canAccept: !settled && !deleted,
    canOpen: !deleted,
    actionData: { episodeId: input.episodeId },
    adminCenterUrl: adminCenterPolicyUrl(input.policyId),
    details,
  };
}
