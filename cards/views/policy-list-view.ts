import type { PolicyListing } from '../../core/policies/policy-listing.js';
import { describeKind } from '../../core/policies/setting-labels.js';
import type { PolicyListItem } from '../../core/policy/managed-policy.js';
import type { CardExtras, DetailFact } from '../card-extras.js';

export interface PolicyListView extends CardExtras {
  readonly title: string;
  readonly summary: string;
  readonly rows: readonly PolicyRowView[];
  readonly isEmpty: boolean;
  readonly emptyText: string;
  readonly notes: readonly string[];
  readonly hasNotes: boolean;
  /** Each policy's id, for Graph or the admin center; people type names. */
  readonly details: readonly DetailFact[];
}

export interface PolicyRowView {
  readonly title: string;
  readonly details: string;
  /** The Show button: `policy show <id>`. */
  readonly showCommand: string;
  /** The Compliance button, for policies AttachOps made (the ones `compliance` reports on); empty for others. */
  readonly complianceCommand: string;
}

/** Long names are cut so a full page always fits a Teams card (28 KB). */
export const MAX_POLICY_NAME_LENGTH = 80;

export function toPolicyListView(listing: PolicyListing): PolicyListView {
  const { all, filter, page } = listing.query;
  const more =
    page < listing.pageCount
      ? [
          `Page ${page} of ${listing.pageCount}: type policy list${all ? ' --all' : ''}${filter ? ` --filter "${filter}"` : ''} --page ${page + 1} for more.`,
        ]
      : [];
  const hint = all
    ? []
    : ['Only policies AttachOps made are listed; type policy list --all for every endpoint security policy.'];
  return {
    title: all ? 'Endpoint security policies' : 'Policies made by AttachOps',
    summary: [
      `${listing.total} ${listing.total === 1 ? 'policy' : 'policies'}`,
      `page ${page} of ${listing.pageCount}`,
      filter ? `names containing "${shorten(filter)}"` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(' · '),
    rows: listing.rows.map(toRow),
    isEmpty: listing.rows.length === 0,
    emptyText: emptyText(listing),
    notes: [...more, ...hint],
    hasNotes: more.length + hint.length > 0,
    details: listing.rows.map((policy) => ({ title: shorten(policy.name), value: policy.id })),
  };
}

function toRow(policy: PolicyListItem): PolicyRowView {
  return {
    title: shorten(policy.name),
    // By id: names need quoting and may repeat; `policy show` and `compliance` take either (command.run buttons, as
    // if typed, each answer a new message below the list).
    showCommand: `policy show ${policy.id}`,
    complianceCommand: policy.managedByAttachOps ? `compliance ${policy.id}` : '',
    details: [
      describeKind(policy.kind),
      policy.managedByAttachOps ? 'made by AttachOps' : 'not made by AttachOps',
      policy.isAssigned ? 'assigned' : 'not assigned',
    ].join(' · '),
  };
}

function emptyText(listing: PolicyListing): string {
  if (listing.query.page > 1 && listing.total > 0) return `There are only ${listing.pageCount} pages.`;
  if (listing.query.filter) return `No policy name contains "${shorten(listing.query.filter)}".`;
  return listing.query.all
    ? 'The tenant has no endpoint security policy.'
    : 'AttachOps has not made any policy yet. Type policy create to make one.';
}

function shorten(text: string): string {
  return text.length > MAX_POLICY_NAME_LENGTH ? `${text.slice(0, MAX_POLICY_NAME_LENGTH - 1)}…` : text;
}
