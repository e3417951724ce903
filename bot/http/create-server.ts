import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from '../../core/ports/logger.js';
import { describeInboundProblems } from '../teams/inbound-activity.js';
import type { InFlight } from './in-flight.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDependencies {
  readonly adapter: CloudAdapter;
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

  server.post('/api/messages', async (req, res) => {
    if (authRequired && !/^Bearer\s+\S+/i.test(req.header('authorization') ?? '')) {
      log.warn({ path: req.path() }, 'request without a Bot Framework token refused');
      res.send(401, { error: 'Unauthorized: a Bot Framework bearer token is required' });
      return;
    }
    const problems = describeInboundProblems(req.body);
    if (problems.length > 0) {
      log.warn({ problems }, 'malformed activity refused');
      res.send(400, { error: 'Malformed activity', problems });
      return;
    }
    await turns.track(() => adapter.process(req, res, (turn) => bot.run(turn)));
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    log.warn({ path: req.path(), error: error.name, reason: error.message }, 'request refused');
    callback();
  });
  return server;
}
