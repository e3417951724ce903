import type { PrerequisiteReport, Verdict } from '../../core/prerequisites/report.js';
import { findProfile } from '../../core/policy/catalog/index.js';
import type { PolicyProfile, Profile, RuleResult, RuleStatus } from '../../core/prerequisites/rule-result.js';
import { formatMoment } from '../time-format.js';
import type { CardExtras, DetailFact, NextStep } from '../card-extras.js';
import { plainText } from './technical-text.js';

export interface PrerequisiteRuleView {
  readonly icon: string;
  readonly title: string;
  readonly evidence: string;
  readonly fix: string;
  readonly docLink: string;
  readonly showFix: boolean;
  readonly showLink: boolean;
}

export interface PrerequisitesView extends CardExtras {
  readonly title: string;
  readonly titleColor: 'Good' | 'Warning' | 'Attention' | 'Default';
  readonly verdicts: readonly { label: string; text: string }[];
  readonly summary: string;
  readonly areas: readonly { name: string; icon: string; rules: readonly PrerequisiteRuleView[] }[];
  /** Handed back by the Check again button. */
  readonly profile: Profile;
  /** The collection the user asked about, or empty. */
  readonly collection: string;
  readonly details: readonly DetailFact[];
  readonly nextSteps: readonly NextStep[];
}

/** The command that starts the fix of a failing rule, by rule id; rules without one need work outside the chat. */
const FIX_COMMANDS: Readonly<Record<string, NextStep>> = {
  'attach.configured': { title: 'Attach', command: 'attach' },
  'attach.upload-scope': { title: 'Attach', command: 'attach' },
  'collections.in-upload-scope': { title: 'Choose collections', command: 'collections' },
  'collections.enabled': { title: 'Enable a collection', command: 'collections' },
};

const CREATE_STEPS: Readonly<Record<PolicyProfile, NextStep>> = {
  edr: { title: 'Create an EDR policy', command: 'policy create edr' },
  antivirus: { title: 'Create an Antivirus policy', command: 'policy create antivirus' },
};

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

/** EDR and Antivirus as before; the other profiles by their catalog name (`check firewall`). */
function profileName(profile: string): string {
  return PROFILE_NAMES[profile as PolicyProfile] ?? `${findProfile(profile)?.short ?? profile} policy`;
}

function createStep(profile: string): NextStep {
  return (
    CREATE_STEPS[profile as PolicyProfile] ?? {
      title: `Create ${/^[aeiou]/i.test(profileName(profile)) ? 'an' : 'a'} ${profileName(profile)}`,
      command: `policy create ${profile}`,
    }
  );
}
const SUBJECTS: Readonly<Record<string, string>> = {
  edr: 'EDR policy',
  antivirus: 'Antivirus policy',
  all: 'EDR and Antivirus policy',
};

export function toPrerequisitesView(report: PrerequisiteReport, now: Date): PrerequisitesView {
  const { counts } = report;
  const rules = report.areas.flatMap((section) => section.rules);
  return {
    title: `${SUBJECTS[report.profile] ?? profileName(report.profile)} prerequisites: ${VERDICT_TEXT[report.verdict]}`,
    titleColor: VERDICT_COLOR[report.verdict],
    verdicts: report.verdicts.map((entry) => ({
      label: profileName(entry.profile),
      text: VERDICT_TEXT[entry.verdict],
    })),
    summary:
      `${counts.fail} failing, ${counts.unknown} unknown, ${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}, ${counts.pass} passing` +
      `${report.targetCollectionIds.length > 0 ? ` for ${report.targetCollectionIds.join(', ')}` : ''}. Checked ${formatMoment(report.checkedAt, now)}.`,
    areas: report.areas.map((section) => ({
      name: section.area,
      icon: STATUS_ICONS[section.status],
      rules: section.rules.map((rule) => toRuleView(rule, now)),
    })),
    profile: report.profile,
    collection: report.targetCollectionIds[0] ?? '',
    details: rules.flatMap((rule) => ruleDetails(rule, now)),
    nextSteps: nextSteps(report, rules),
  };
}

/** Ready: create the policies checked for. Not ready: the commands that start the fixes, one button each. */
function nextSteps(report: PrerequisiteReport, rules: readonly RuleResult[]): NextStep[] {
  const ready = report.verdicts.filter((entry) => entry.verdict === 'ready' || entry.verdict === 'ready-with-warnings');
  const fixes = rules.filter((rule) => rule.status === 'fail').flatMap((rule) => FIX_COMMANDS[rule.id] ?? []);
  const steps = [...fixes, ...ready.map((entry) => createStep(entry.profile))];
  return steps.filter((step, index) => steps.findIndex((other) => other.command === step.command) === index);
}

function ruleDetails(rule: RuleResult, now: Date): DetailFact[] {
  const technical = [...plainText(rule.evidence, now).technical, ...(rule.details ?? [])];
  return technical.length === 0 ? [] : [{ title: rule.title, value: technical.join('; ') }];
}

function toRuleView(rule: RuleResult, now: Date): PrerequisiteRuleView {
  const needsAction = rule.status !== 'pass';
  const fix = needsAction ? (rule.fix ?? '') : '';
  const docLink = needsAction ? (rule.docLink ?? '') : '';
  return {
    icon: STATUS_ICONS[rule.status],
    title: rule.title,
    evidence: plainText(rule.evidence, now).text,
    fix: plainText(fix, now).text,
    docLink,
    showFix: fix !== '',
    showLink: docLink !== '',
  };
}
