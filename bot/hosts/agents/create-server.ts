import { createServer as createHttpServer, type Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../../core/ports/logger.js';
import type { TurnLogic } from '../host-port.js';
import { BEARER, KEYS_UNAVAILABLE, MAX_BODY_BYTES, TURN_FAILED, UNAUTHORIZED } from '../http-contract.js';
import type { InFlight } from '../in-flight.js';
import { describeInboundProblems, type InboundActivity } from '../inbound-activity.js';
import type { AgentsAdapter } from './agents-adapter.js';
import { agentsTurn, routingActivity } from './agents-turn.js';
import type { AgentsTokenCheck, Claims } from './authenticate-request.js';

export interface AgentsServerDependencies {
  readonly adapter: AgentsAdapter;
  readonly logic: TurnLogic;
  /** Absent without credentials: then every request runs unauthenticated (the bot listens on loopback only). */
  readonly tokens: AgentsTokenCheck | undefined;
  readonly log: Logger;
  readonly turns: InFlight;
  readonly isReady: () => boolean;
}

/** express 5 with the Bot Framework endpoint, liveness and readiness: the same contract as the botbuilder host's. */
export function createServer(dependencies: AgentsServerDependencies): Server {
  const { adapter, logic, tokens, log, turns, isReady } = dependencies;
  const authRequired = tokens !== undefined;
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok', host: 'agents' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  // The Agents Playground's reachability probe (see the botbuilder host): no body, logged at debug.
  app.head('/api/messages', (req, res) => {
    log.debug({ path: req.path, status: authRequired ? 401 : 200 }, 'reachability probe');
    res.status(authRequired ? 401 : 200).end();
  });

  app.post('/api/messages', express.json({ limit: MAX_BODY_BYTES }), async (req, res) => {
    const authorization = req.header('authorization') ?? '';
    if (authRequired && !BEARER.test(authorization)) {
      log.warn({ path: req.path }, 'request without a Bot Framework token refused');
      res.status(401).json(UNAUTHORIZED);
      return;
    }
    const body: unknown = req.body;
    const problems = describeInboundProblems(body);
    if (problems.length > 0) {
      log.warn({ problems }, 'malformed activity refused');
      res.status(400).json({ error: 'Malformed activity', problems });
      return;
    }
    const activity = body as InboundActivity;
    let claims: Claims | undefined;
    if (tokens) {
      const authenticated = await tokens.authenticate(authorization, activity.serviceUrl);
      if (!authenticated.ok) {
        if (authenticated.status === 503) {
          res.setHeader('Retry-After', String(authenticated.retryAfterSeconds));
          res.status(503).json(KEYS_UNAVAILABLE);
        } else {
          res.status(401).json(UNAUTHORIZED);
        }
        return;
      }
      claims = authenticated.result;
    }
    await turns.track(async () => {
      const captured = capturedResponse();
      try {
        await adapter.process(
          {
            method: 'POST',
            headers: req.headers,
            body: routingActivity(activity),
            ...(claims ? { user: claims } : {}),
          },
          captured,
          agentsTurn(logic, activity),
        );
        res.status(captured.statusCode);
        if (captured.body === undefined) res.end();
        else res.json(captured.body);
      } catch (error) {
        log.error({ err: error, activityType: activity.type }, 'turn failed outside the bot');
        res.status(500).json(TURN_FAILED);
      }
    });
  });

  // The body parser's refusals (too large: 413, not JSON: 400), logged and answered without the parser's message.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, type } = error as { status?: unknown; type?: unknown };
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
    log.warn({ path: req.path, error: String(type ?? 'error'), status: code }, 'request refused');
    res
      .status(code)
      .json({ error: code === 413 ? 'Payload too large' : code === 500 ? TURN_FAILED.error : 'Bad request' });
  });
  return createHttpServer(app);
}

/** The SDK writes its answer (status, invoke body) here; we send it, so every answer goes out one way. */
function capturedResponse() {
  const response = {
    statusCode: 200,
    body: undefined as unknown,
    headersSent: false,
    writableEnded: false,
    status(code: number) {
      response.statusCode = code;
      return response;
    },
    setHeader() {
      return response;
    },
    send(body?: unknown) {
      response.body = body;
      return response;
    },
    end() {
      response.writableEnded = true;
      return response;
    },
  };
  return response;
}
