import type { Handler, RouteParams, SandboxRequest, SandboxResponse } from './types.js';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: Handler;
}

/**
 * Pattern syntax: `/graph/:version/users/:id` (a `:name` matches one segment) or a RegExp with named groups.
 * String patterns match case-insensitively, like the real services' path handling.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string | RegExp, handler: Handler): this {
    this.routes.push({
      method: method.toUpperCase(),
      pattern: typeof pattern === 'string' ? compile(pattern) : pattern,
      handler,
    });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: RouteParams } | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase() || route.method === '*')
        return { handler: route.handler, params: { ...found.groups } };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }

  async dispatch(
    req: SandboxRequest,
    notFound: (req: SandboxRequest) => SandboxResponse,
    notAllowed: (req: SandboxRequest) => SandboxResponse,
  ): Promise<SandboxResponse> {
    const found = this.match(req.method, req.path);
    if (found === undefined) return notFound(req);
    if (found === 'method-not-allowed') return notAllowed(req);
    return found.handler(req, found.params);
  }
}

function compile(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}
