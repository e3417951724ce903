import { z } from 'zod';
import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { AuditSubject, AuditSubjects } from '../audit/audit-subject.js';
import type { ArchivedRun } from '../runs/run-archive.js';
import { approvalIdOfRun, collectionsOfRunSteps, policiesOfRunSteps } from '../runs/run-names.js';
import type { RunRecord } from '../runs/run-record.js';

/** The stores an entry's target points into (RunStore and ApprovalStore satisfy these). */
export interface AuditSubjectStores {
  readonly runs: {
    load(runId: string): Promise<{ readonly run: RunRecord } | undefined>;
    /** A compacted run's tombstone (run-archive.ts): what the audit log still names it by. */
    archived?(runId: string): Promise<ArchivedRun | undefined>;
  };
  readonly approvals: { get(approvalId: string): Promise<ApprovalRecord | undefined> };
}

const createIntent = z.object({ name: z.string() });
const assignIntent = z.object({ policy: z.string() });
const POLICY_NAME_RESOURCE = 'policy-name:';

/**
 * Reads each run and approval an entry names by its id, once per lookup session (a page of entries mostly shares a
 * few of them): what a page costs depends on the page, never on the history (issue 28). A compacted run is named from
 * its tombstone.
 */
export function createAuditSubjects(stores: AuditSubjectStores): AuditSubjects {
  const runs = new Map<string, Promise<RunRecord | undefined>>();
  const tombstones = new Map<string, Promise<ArchivedRun | undefined>>();
  const approvals = new Map<string, Promise<ApprovalRecord | undefined>>();
  const run = (id: string) => memo(runs, id, async () => (await stores.runs.load(id).catch(() => undefined))?.run);
  const tombstone = (id: string) => memo(tombstones, id, async () => stores.runs.archived?.(id).catch(() => undefined));
  const approval = (id: string) => memo(approvals, id, () => stores.approvals.get(id).catch(() => undefined));
  const archivedSubject = async (id: string): Promise<AuditSubject | undefined> => {
    const archived = await tombstone(id);
    if (!archived) return undefined;
    const approvalRecord = archived.approvalId === undefined ? undefined : await approval(archived.approvalId);
    return subjectOfArchivedRun(archived, approvalRecord);
  };

  return {
    async of(entry) {
      if (entry.target === undefined) return undefined;
      if (entry.action.startsWith('approval.')) {
        const record = await approval(entry.target);
        if (!record) return undefined;
        const found = await run(record.runId);
        const subject = subjectOfApproval(record, found);
        const archived = found ? undefined : await archivedSubject(record.runId);
        return archived ? { ...subject, collections: archived.collections } : subject;
      }
      const found = await run(entry.target);
      if (!found) return archivedSubject(entry.target);
      const approvalId = approvalIdOfRun(found);
      const subject = subjectOfRun(found, approvalId === undefined ? undefined : await approval(approvalId));
      const step = stepTitle(found, entry.details?.stepId);
      return step === undefined ? subject : { ...subject, step };
    },
  };
}

export function subjectOfRun(run: RunRecord, approval: ApprovalRecord | undefined): AuditSubject {
  const policies = [...(approval ? policiesOfApproval(approval) : []), ...policiesOfRunSteps(run)];
  const approvedBy = unique(approval?.approvals.map((vote) => vote.by.name) ?? []);
  return {
    title: run.title,
    policies: unique(policies),
    collections: collectionsOfRunSteps(run),
    requestedBy: run.requestedBy.name,
    ...(approvedBy.length > 0 ? { approvedBy } : {}),
  };
}

export function subjectOfApproval(approval: ApprovalRecord, run: RunRecord | undefined): AuditSubject {
  const fromRun = run ? subjectOfRun(run, approval) : undefined;
  return {
    title: approval.plan.title,
    policies: unique([...policiesOfApproval(approval), ...(fromRun?.policies ?? [])]),
    collections: fromRun?.collections ?? [],
    requestedBy: approval.requestedBy.name,
    ...(fromRun?.approvedBy ? { approvedBy: fromRun.approvedBy } : {}),
  };
}

/** A compacted run as its tombstone names it, with its approval's policies and approvers when that is still stored. */
export function subjectOfArchivedRun(archived: ArchivedRun, approval: ApprovalRecord | undefined): AuditSubject {
  const approvedBy = unique(approval?.approvals.map((vote) => vote.by.name) ?? []);
  return {
    title: archived.title,
    policies: unique([...(approval ? policiesOfApproval(approval) : []), ...(archived.policies ?? [])]),
    collections: archived.collections ?? [],
    ...(archived.requestedBy ? { requestedBy: archived.requestedBy.name } : {}),
    ...(approvedBy.length > 0 ? { approvedBy } : {}),
  };
}

function policiesOfApproval(approval: ApprovalRecord): string[] {
  const { intent, resources } = approval.plan;
  const named = resources.filter((resource) => resource.startsWith(POLICY_NAME_RESOURCE));
  const created = createIntent.safeParse(intent);
  const assigned = assignIntent.safeParse(intent);
  return [
    ...(created.success ? [created.data.name] : []),
    ...(assigned.success ? [assigned.data.policy] : []),
    ...(named.length > 0 && !created.success
      ? named.map((resource) => resource.slice(POLICY_NAME_RESOURCE.length))
      : []),
  ];
}

function stepTitle(run: RunRecord, stepId: unknown): string | undefined {
  return typeof stepId === 'string' ? run.steps.find((step) => step.id === stepId)?.title : undefined;
}

function unique(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = load();
    cache.set(key, value);
  }
  return value;
}
