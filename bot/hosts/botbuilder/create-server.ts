import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../../core/ports/logger.js';
import { describeInboundProblems } from '../inbound-activity.js';
import { BEARER, KEYS_UNAVAILABLE, MAX_BODY_BYTES, TURN_FAILED, UNAUTHORIZED } from '../http-contract.js';
import type { InFlight } from '../in-flight.js';
import type { AttachOpsAdapter } from './create-adapter.js';
import { authenticateRequest } from './authenticate-request.js';
import { toActivity } from './to-activity.js';

export interface ServerDependencies {
  readonly adapter: AttachOpsAdapter;
  /** The turn, run by the adapter; an invoke's answer is set on the turn as botbuilder expects it. */
  readonly run: (turn: TurnContext) => Promise<void>;
  readonly log: Logger;
  readonly authRequired: boolean;
  readonly turns: InFlight;
  readonly isReady: () => boolean;
}

/** restify with the Bot Framework endpoint, liveness and readiness. */
export function createServer(dependencies: ServerDependencies): restify.Server {
  const { adapter, run, log, authRequired, turns, isReady } = dependencies;
  const server = restify.createServer({ name: 'attachops', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', host: 'botbuilder' });
  });
  server.get('/readyz', async (_req, res) => {
    const ready = isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
  });

  // The Agents Playground checks that the bot is up with `HEAD /api/messages` (wait-on) each time a chat opens: an expected
  // probe, answered without a body and logged at debug. With app credentials it gets 401: a HEAD carries no activity a
  // token could be checked against.
  server.head('/api/messages', async (req, res) => {
    log.debug({ path: req.path(), status: authRequired ? 401 : 200 }, 'reachability probe');
    res.send(authRequired ? 401 : 200);
  });

  server.post('/api/messages', async (req, res) => {
    const authorization = req.header('authorization') ?? '';
    if (authRequired && !BEARER.test(authorization)) {
      log.warn({ path: req.path() }, 'request without a Bot Framework token refused');
      res.send(401, UNAUTHORIZED);
      return;
    }
    const problems = describeInboundProblems(req.body);
    if (problems.length > 0) {
      log.warn({ problems }, 'malformed activity refused');
      res.send(400, { error: 'Malformed activity', problems });
      return;
    }
    const activity = toActivity(req.body);
    const authenticated = await authenticateRequest(adapter, activity, authorization, log);
    if (!authenticated.ok) {
      if (authenticated.status === 503) {
        res.header('Retry-After', String(authenticated.retryAfterSeconds));
        res.send(503, KEYS_UNAVAILABLE);
      } else {
        res.send(401, UNAUTHORIZED);
      }
      return;
    }
    await turns.track(async () => {
      try {
        const invoke = await adapter.runAuthenticated(authenticated.result, activity, run);
        res.send(invoke?.status ?? 200, invoke?.body);
      } catch (error) {
        log.error({ err: error, activityType: activity.type }, 'turn failed outside the bot');
        res.send(500, TURN_FAILED);
      }
    });
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    log.warn({ path: req.path(), error: error.name, reason: error.message }, 'request refused');
    callback();
  });
  return server;
}
