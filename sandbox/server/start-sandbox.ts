import type { AddressInfo } from 'node:net';
import { registerAdminServiceRoutes } from '../adminservice/adminservice-routes.js';
import { AdminServiceAuth } from '../adminservice/adminservice-auth.js';
import type { MaaDialect, ScenarioName } from '../constants.js';
import { registerComplianceControlRoutes } from '../control/compliance-control-routes.js';
import { registerControlRoutes } from '../control/control-routes.js';
import { registerDirectoryControlRoutes } from '../control/directory-control-routes.js';
import { registerMaaControlRoutes } from '../control/maa-control-routes.js';
import { registerPortalControlRoutes } from '../control/portal-control-routes.js';
import { registerPortalEditRoutes } from '../control/portal-edit-routes.js';
import { parseFaultSpec } from '../faults/fault-rules.js';
import { registerGraphRoutes } from '../graph/register-graph-routes.js';
import { registerIdentityRoutes } from '../identity/identity-routes.js';
import type { PersistenceOptions, WorldStart } from '../persistence/persisted-world.js';
import { createSandboxServer } from './http-server.js';
import { Router } from '../http/router.js';
import { SandboxState } from '../state/sandbox-state.js';
import { generateSandboxTls } from '../http/tls.js';
import { json, type SandboxRequest } from '../http/types.js';

export interface SandboxOptions {
  host?: string;
  port?: number;
  scenario?: ScenarioName;
  faults?: string;
  seed?: number;
  tls?: { certPem: string; keyPem: string };
  syncDelaySeconds?: number;
  /** How Multi Admin Approval answers, whatever the scenario says (`SANDBOX_MAA_DIALECT`; sandbox/README.md). */
  maaDialect?: MaaDialect;
  /** Keeps the tenant in a file across restarts (`npm start` uses DATA_DIR/sandbox-tenant.json). */
  persistence?: PersistenceOptions;
}

export interface RunningSandbox {
  url: string;
  caCertPem: string;
  /** `restored` when the tenant was read back from the persistence file; otherwise why it started clean. */
  origin: WorldStart['origin'];
  close(): Promise<void>;
}

const DEFAULT_SYNC_DELAY_SECONDS = 20;
const DEFAULT_SEED = 42;

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const tls = options.tls ?? (await generateSandboxTls());
  const state = new SandboxState(
    options.scenario ?? 'fresh',
    options.seed ?? DEFAULT_SEED,
    options.syncDelaySeconds ?? DEFAULT_SYNC_DELAY_SECONDS,
    options.persistence,
    options.maaDialect,
  );
  if (options.faults) for (const rule of parseFaultSpec(options.faults)) state.faults.add(rule);
  const router = new Router();
  const dispatch = (req: SandboxRequest) =>
    router.dispatch(
      req,
      (r) => json(404, { error: { code: 'NotFound', message: `No sandbox route for ${r.method} ${r.path}` } }),
      (r) => json(405, { error: { code: 'MethodNotAllowed', message: `${r.method} is not allowed on ${r.path}` } }),
    );
  registerIdentityRoutes(
    router,
    state.tokens,
    () => ({ government: state.world.facts.environment === 'AzureUSGovernmentCloud' }),
    state.appPermissions,
  );
  registerGraphRoutes(
    router,
    {
      world: () => state.world,
      tokens: state.tokens,
      dispatch,
      maaDialect: () => state.maaDialect,
      policyUpdateReading: () => state.policyUpdateReading,
    },
    state,
  );
  registerAdminServiceRoutes(
    router,
    () => state.world,
    new AdminServiceAuth(state.tokens),
    () => state.adminServicePageLimit,
  );
  registerControlRoutes(router, state);
  registerDirectoryControlRoutes(router, state);
  registerMaaControlRoutes(router, state);
  registerComplianceControlRoutes(router, state);
  registerPortalControlRoutes(router, state);
  registerPortalEditRoutes(router, state);

  const { server, timers, sockets } = createSandboxServer(tls, state, dispatch);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${host}:${port}`,
    caCertPem: tls.certPem,
    origin: state.origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
