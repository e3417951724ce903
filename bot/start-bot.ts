import type { Logger } from '../core/ports/logger.js';
import type { AppServices } from './app-services.js';
import { commands as defaultCommands } from './commands/index.js';
import type { AnyCommand } from './context/command-context.js';
import type { Config } from './config/config.js';
import { InFlight } from './hosts/in-flight.js';
import { createHost } from './hosts/create-host.js';
import type { TokenValidationEndpoints } from './hosts/token-validation.js';
import { IntuneHoldForecast } from './approvals/intune-hold-forecast.js';
import { IntuneHoldNotices } from './runs/intune-hold-notices.js';
import { ApprovalCards } from './approvals/approval-cards.js';
import { appendLeftoverAuditLater } from './approvals/leftover-audit.js';
import {
  startComplianceScheduler,
  type ComplianceSchedulerOptions,
  type RunningComplianceScheduler,
} from './compliance/start-compliance-scheduler.js';
import { ProgressCards } from './runs/progress-cards.js';
import { PersonalChats } from './conversations/personal-chats.js';
import { ChangeConfirmations } from './runs/change-confirmations.js';
import { BaselineRecorder } from '../core/drift/baseline-recorder.js';
import { BaselineStore } from '../core/drift/baseline-store.js';
import { type RunningDriftWatch, startDriftWatch } from './drift/start-drift-watch.js';
import { driftNamesIn } from '../core/drift/drift-names.js';
import { RolloutHaltNotices } from './runs/rollout-halt-notices.js';
import { DriftCardStore } from './drift/drift-card-store.js';
import { DriftCards } from './drift/drift-cards.js';
import { startRunRetention } from './runs/run-retention.js';
import { KnownUsers } from './conversations/known-users.js';
import { AttachOpsTurns } from './turns/attachops-turns.js';
import { ConversationReferences } from './conversations/conversation-references.js';
import { ProactiveMessenger } from './conversations/proactive-messenger.js';
import { verbs as defaultVerbs } from './verbs/index.js';
import { type ScaleOut, singleInstance } from './wiring/create-scale-out.js';
import type { AnyVerb } from './verbs/verb.js';

export interface BotOptions {
  readonly config: Config;
  readonly services: AppServices;
  readonly log: Logger;
  readonly commands?: readonly AnyCommand[];
  readonly verbs?: readonly AnyVerb[];
  readonly progressIntervalMs?: number;
  /** How often scheduled summaries are looked for, and the Teams send limits (tests shorten both). */
  readonly compliance?: Pick<ComplianceSchedulerOptions, 'tickMs' | 'sendLimits'>;
  /** Where inbound tokens' signing keys come from; the public cloud's unless given (tests use a local stand-in). */
  readonly tokenValidation?: TokenValidationEndpoints;
  /** Several instances over shared storage: scheduler leadership, slot claims and the sweep for orphaned runs. */
  readonly scaleOut?: ScaleOut;
}

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly compliance: RunningComplianceScheduler;
  /** The drift watch; absent without a tenant. */
  readonly drift?: RunningDriftWatch;
  /** Stops accepting, finishes turns in flight, flushes storage. */
  close(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, services, log } = options;
  const scaleOut = options.scaleOut ?? singleInstance;
  const turns = new InFlight();
  let ready = false;
  const host = await createHost(config.host, {
    credentials: config.botFramework,
    log,
    turns,
    isReady: () => ready,
    ...(options.tokenValidation ? { tokenValidation: options.tokenValidation } : {}),
  });
  const references = new ConversationReferences(services.storage);
  const messenger = new ProactiveMessenger(host.proactive, references);
  const progressCards = new ProgressCards({
    messenger,
    storage: services.storage,
    clock: services.clock,
    log,
    minIntervalMs: options.progressIntervalMs,
  });
  services.runs.observe(progressCards);
  const knownUsers = new KnownUsers(services.storage);
  const personalChats = new PersonalChats(services.storage);
  const confirmations = new ChangeConfirmations({
    messenger,
    approvals: services.approvals,
    personalChats,
    storage: services.storage,
    clock: services.clock,
    log,
  });
  services.runs.observe(confirmations);
  const approvalCards = new ApprovalCards(
    services.approvals,
    messenger,
    knownUsers,
    log,
    services.clock,
    config.access.approvalsChannel,
    services.runs,
    services.tenant?.intuneApprovals && new IntuneHoldForecast(services.tenant.intuneApprovals, services.clock, log),
    services.rolloutPauses,
  );
  const holdNotices = new IntuneHoldNotices({
    messenger,
    personalChats,
    storage: services.storage,
    clock: services.clock,
    log,
  });
  services.runs.observe(holdNotices);
  const haltNotices = new RolloutHaltNotices({
    messenger,
    channel: config.access.approvalsChannel,
    storage: services.storage,
    clock: services.clock,
    log,
  });
  services.runs.observe(haltNotices);
  services.approvals.observe(approvalCards);
  services.runs.observe(approvalCards);
  const compliance = startComplianceScheduler({
    services,
    proactive: host.proactive,
    references,
    log,
    clock: services.clock,
    tickMs: config.scaleOut.schedulerTickMs,
    leadership: scaleOut.leadership,
    slots: scaleOut.slots,
    ...options.compliance,
  });
  const driftReads = services.tenant?.driftReads;
  const baselineRecorder =
    driftReads &&
    new BaselineRecorder({
      baselines: new BaselineStore(services.storage),
      reads: driftReads,
      clock: services.clock,
      log,
      pending: { storage: services.storage, loadRun: (runId) => services.runs.get(runId) },
    });
  if (baselineRecorder) services.runs.observe(baselineRecorder);
  const driftCards = new DriftCards({
    store: new DriftCardStore(services.storage),
    messenger,
    channel: config.drift.channel,
    clock: services.clock,
    log: log.child({ component: 'drift-cards' }),
    ...(services.tenant ? { groupNames: driftNamesIn(services.tenant) } : {}),
  });
  services.runs.observe(driftCards);
  const driftWatch = startDriftWatch({
    services,
    log,
    intervalMs: config.drift.intervalMs,
    tickMs: config.scaleOut.schedulerTickMs,
    leadership: scaleOut.leadership,
    notifier: driftCards,
    ...(baselineRecorder ? { beforeCycle: () => baselineRecorder.catchUp() } : {}),
  });
  const logic = new AttachOpsTurns({
    commands: options.commands ?? defaultCommands,
    verbs: options.verbs ?? defaultVerbs,
    services,
    references,
    knownUsers,
    personalChats,
    approvalCards,
    log,
    homeTenantIds: config.homeTenantIds,
  });
  const server = await host.listen(logic, config.port, config.bindHost);
  const { port } = server;
  ready = true;
  const resumed = await services.runs.resumeAll();
  if (resumed > 0) log.info({ resumed }, 'resumed runs that were in flight');
  const caughtUp = baselineRecorder
    ?.catchUp()
    .then((recorded) => {
      if (recorded > 0) log.info({ recorded }, 'drift baselines a stopped process left unrecorded');
    })
    .catch((error: unknown) => log.error({ err: error }, 'drift baselines not caught up'));
  const sweeper = startRunSweeper(services, scaleOut, log);
  const retention = startRunRetention({
    runs: services.runs,
    log,
    ...config.runRetention,
    leadership: scaleOut.leadership,
  });
  const leftoverAudit = appendLeftoverAuditLater(services.approvals, log);
  const url = `http://${config.bindHost === '0.0.0.0' ? '127.0.0.1' : config.bindHost}:${port}`;
  if (config.botFramework) {
    log.info({ url, port, host: config.host }, 'listening; Bot Framework tokens required');
  } else {
    log.warn(
      { url, port, host: config.host },
      'no Bot Framework credentials: listening on 127.0.0.1 only, unauthenticated, for local use',
    );
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ready = false;
      const stopped = server.stopAccepting();
      server.closeIdleConnections();
      await turns.idle();
      // Before the compliance scheduler, which resigns the lease they use.
      await driftWatch?.stop();
      await retention.stop();
      await compliance.stop();
      sweeper?.stop();
      await leftoverAudit.stop();
      await services.runs.stop();
      await progressCards.idle();
      await approvalCards.idle();
      await confirmations.idle();
      await holdNotices.idle();
      await haltNotices.idle();
      await caughtUp;
      await baselineRecorder?.idle();
      await driftCards.idle();
      progressCards.stop();
      await services.storage.flush();
      server.closeAllConnections();
      await stopped;
      log.info({}, 'stopped');
    })();
    return closing;
  };
  return { url, port, compliance, ...(driftWatch ? { drift: driftWatch } : {}), close };
}

/** With leases: now and then, take over runs whose owner stopped renewing (the owner only skips them while alive). */
function startRunSweeper(services: AppServices, scaleOut: ScaleOut, log: Logger): { stop(): void } | undefined {
  if (scaleOut.sweepMs === undefined) return undefined;
  const timer = setInterval(() => {
    services.runs.sweep().catch((error: unknown) => log.warn({ err: error }, 'run sweep failed'));
  }, scaleOut.sweepMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
