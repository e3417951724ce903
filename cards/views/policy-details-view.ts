import type { PlannedTarget } from '../../core/policies/planned-target.js';
import type { PolicyOverview } from '../../core/policies/policy-overview.js';
import { describeKind, describeSettingValue, settingLabelsOf, settingsOf } from '../../core/policies/setting-labels.js';
import { DEFAULT_SCOPE_TAG_ID } from '../../core/policies/scope-tags.js';
import { formatMoment } from '../time-format.js';
import type { CardExtras, DetailFact } from '../card-extras.js';
import { plainText } from './technical-text.js';

interface Fact {
  readonly title: string;
  readonly value: string;
}

export interface PolicyDetailsView extends CardExtras {
  readonly title: string;
  readonly subtitle: string;
  readonly facts: readonly Fact[];
  readonly settings: readonly Fact[];
  readonly hasSettings: boolean;
  readonly noSettingsText: string;
  readonly assignmentsHeading: string;
  readonly assignments: readonly { title: string; details: string }[];
  readonly hasAssignments: boolean;
  readonly noAssignmentsText: string;
  readonly notes: readonly string[];
  readonly hasNotes: boolean;
  readonly details: readonly DetailFact[];
}

/** Descriptions and names are cut so the card stays well under 28 KB. */
const MAX_TEXT_LENGTH = 400;

export function toPolicyDetailsView({ policy, assignments }: PolicyOverview, now: Date): PolicyDetailsView {
  const labels = assignments.map((planned) => plainText(shorten(planned.label), now));
  const settings = policy.draft ? settingsOf(policy.draft) : {};
  const settingFacts = (policy.draft ? settingLabelsOf(policy.draft) : []).flatMap(({ key, label }) =>
    settings[key] === undefined ? [] : [{ title: label, value: describeSettingValue(settings[key]) }],
  );
  const hidden = policy.assignments.length - assignments.length;
  const notes = [
    ...(policy.unmodelledSettingIds.length > 0
      ? [
          `${policy.unmodelledSettingIds.length === 1 ? '1 more setting is' : `${policy.unmodelledSettingIds.length} more settings are`} configured that AttachOps does not manage; see ${policy.unmodelledSettingIds.length === 1 ? 'it' : 'them'} in the Intune admin center.`,
        ]
      : []),
    ...(hidden > 0 ? [`${hidden} more assignments are not shown.`] : []),
    ...(policy.managedByAttachOps ? [] : ['AttachOps did not make this policy; it can still assign it.']),
  ];
  return {
    title: shorten(policy.name),
    subtitle: describeKind(policy.kind),
    facts: [
      { title: 'Made by AttachOps', value: policy.managedByAttachOps ? 'yes' : 'no' },
      ...(policy.description.trim() === '' ? [] : [{ title: 'Description', value: shorten(policy.description) }]),
      ...scopeTagFact(policy.draft),
      ...(policy.kind === 'intune-edr'
        ? [
            {
              title: 'Onboarding',
              value: policy.onboardingFromConnector
                ? 'from the Defender for Endpoint connector'
                : 'not from the connector',
            },
          ]
        : []),
      ...(policy.lastModified ? [{ title: 'Last modified', value: formatMoment(policy.lastModified, now) }] : []),
    ],
    settings: settingFacts,
    hasSettings: settingFacts.length > 0,
    noSettingsText: policy.draft
      ? 'No setting AttachOps manages is configured.'
      : 'AttachOps does not read the settings of this profile.',
    assignmentsHeading: `Assignments (${policy.assignments.length})`,
    assignments: assignments.map((planned, index) => toAssignmentRow(planned, labels[index]?.text ?? planned.label)),
    hasAssignments: policy.assignments.length > 0,
    noAssignmentsText: 'Not assigned. Type assign to assign it.',
    notes,
    hasNotes: notes.length > 0,
    details: [
      { title: 'Policy id', value: policy.id },
      ...labels.flatMap((label) =>
        label.technical.length === 0 ? [] : [{ title: label.text, value: label.technical.join('; ') }],
      ),
    ],
  };
}

function scopeTagFact(draft: PolicyOverview['policy']['draft']): Fact[] {
  if (!draft?.scopeTagIds) return [];
  return [
    {
      title: 'Scope tags',
      value: draft.scopeTagIds.length === 0 ? `Default (${DEFAULT_SCOPE_TAG_ID})` : draft.scopeTagIds.join(', '),
    },
  ];
}

function toAssignmentRow(planned: PlannedTarget, label: string): { title: string; details: string } {
  const devices =
    planned.devices === undefined
      ? 'device count not known'
      : `${planned.devices.toLocaleString('en-US')} ${planned.devices === 1 ? 'device' : 'devices'}`;
  return { title: label, details: planned.target.kind === 'exclude-group' ? 'excluded' : devices };
}

function shorten(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}
