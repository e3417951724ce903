import type { PrerequisiteReport, Verdict } from '../../core/prerequisites/report.js';
import type { PolicyProfile, Profile, RuleResult, RuleStatus } from '../../core/prerequisites/rule-result.js';
import { formatUtcMinute } from '../../core/time-format.js';

export interface PrerequisiteRuleView {
  readonly icon: string;
  readonly title: string;
  readonly evidence: string;
  readonly fix: string;
  readonly docLink: string;
  readonly showFix: boolean;
  readonly showLink: boolean;
}

export interface PrerequisitesView {
  readonly title: string;
  readonly titleColor: 'Good' | 'Warning' | 'Attention' | 'Default';
  readonly verdicts: readonly { label: string; text: string }[];
  readonly summary: string;
  readonly areas: readonly { name: string; icon: string; rules: readonly PrerequisiteRuleView[] }[];
  /** Handed back by the Check again button. */
  readonly profile: Profile;
  /** The collection the user asked about, or empty. */
  readonly collection: string;
}

export const STATUS_ICONS: Readonly<Record<RuleStatus, string>> = { pass: '✅', fail: '❌', warn: '⚠️', unknown: '❔' };

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  ready: '✅ Ready',
  'ready-with-warnings': '⚠️ Ready, with warnings',
  unverified: '❔ Could not verify everything',
  'not-ready': '❌ Not ready',
};

const VERDICT_COLOR: Readonly<Record<Verdict, PrerequisitesView['titleColor']>> = {
  ready: 'Good',
  'ready-with-warnings': 'Warning',
  unverified: 'Default',
  'not-ready': 'Attention',
};

const PROFILE_NAMES: Readonly<Record<PolicyProfile, string>> = { edr: 'EDR policy', antivirus: 'Antivirus policy' };
const SUBJECTS: Readonly<Record<Profile, string>> = {
  edr: 'EDR policy',
  antivirus: 'Antivirus policy',
  all: 'EDR and Antivirus policy',
};

export function toPrerequisitesView(report: PrerequisiteReport): PrerequisitesView {
  const { counts } = report;
  return {
    title: `${SUBJECTS[report.profile]} prerequisites: ${VERDICT_TEXT[report.verdict]}`,
    titleColor: VERDICT_COLOR[report.verdict],
    verdicts: report.verdicts.map((entry) => ({
      label: PROFILE_NAMES[entry.profile],
      text: VERDICT_TEXT[entry.verdict],
    })),
    summary:
      `${counts.fail} failing, ${counts.unknown} unknown, ${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}, ${counts.pass} passing` +
      `${report.targetCollectionIds.length > 0 ? ` for ${report.targetCollectionIds.join(', ')}` : ''}. Checked ${formatUtcMinute(report.checkedAt)}.`,
    areas: report.areas.map((section) => ({
      name: section.area,
      icon: STATUS_ICONS[section.status],
      rules: section.rules.map(toRuleView),
    })),
    profile: report.profile,
    collection: report.targetCollectionIds[0] ?? '',
  };
}

function toRuleView(rule: RuleResult): PrerequisiteRuleView {
  const needsAction = rule.status !== 'pass';
  const fix = needsAction ? (rule.fix ?? '') : '';
  const docLink = needsAction ? (rule.docLink ?? '') : '';
  return {
    icon: STATUS_ICONS[rule.status],
    title: rule.title,
    evidence: rule.evidence,
    fix,
    docLink,
    showFix: fix !== '',
    showLink: docLink !== '',
  };
}
