import restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../../core/ports/logger.js';
import type { AttachOpsAdapter } from '../teams/create-adapter.js';
import { describeInboundProblems, toActivity } from '../teams/inbound-activity.js';
import { authenticateRequest } from './authenticate-request.js';
import type { InFlight } from './in-flight.js';

export const MAX_BODY_BYTES = 256 * 1024;
const UNAUTHORIZED = { error: 'Unauthorized' };

export interface ServerDependencies {
  readonly adapter: AttachOpsAdapter;
  readonly bot: ActivityHandler;
  readonly log: Logger;
  readonly authRequired: boolean;
  readonly turns: InFlight;
  readonly isReady: () => boolean;
}

/** restify with the Bot Framework endpoint, liveness and readiness. */
export function createServer(dependencies: ServerDependencies): restify.Server {
  const { adapter, bot, log, authRequired, turns, isReady } = dependencies;
  const server = restify.createServer({ name: 'attachops', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
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
    if (authRequired && !/^Bearer\s+\S+/i.test(authorization)) {
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
        res.send(503, { error: 'Service unavailable: try again later' });
      } else {
        res.send(401, UNAUTHORIZED);
      }
      return;
    }
    await turns.track(async () => {
      try {
        const invoke = await adapter.runAuthenticated(authenticated.result, activity, (turn) => bot.run(turn));
        res.send(invoke?.status ?? 200, invoke?.body);
      } catch (error) {
        log.error({ err: error, activityType: activity.type }, 'turn failed outside the bot');
        res.send(500, { error: 'Internal error: the details are in the bot log' });
      }
    });
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    log.warn({ path: req.path(), error: error.name, reason: error.message }, 'request refused');
    callback();
  });
  return server;
}
