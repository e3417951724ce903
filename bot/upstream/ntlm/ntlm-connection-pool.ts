import { Agent } from 'node:https';
import type { Socket } from 'node:net';

export interface NtlmPoolOptions {
  /** At most this many connections to the provider; further requests wait for one to be free. */
  readonly maxConnections: number;
  /** A connection idle this long is closed; the next one must authenticate again. */
  readonly idleTimeoutMs: number;
  readonly ca?: Buffer;
}

/**
 * One kept-alive connection: an agent limited to a single socket, so a handshake's three messages share it, and the
 * socket the handshake authenticated. NTLM authenticates the connection, not the request (configmgr-adminservice.md §1).
 */
export class NtlmConnection {
  readonly agent: Agent;
  private authenticatedSocket: Socket | undefined;
  busy = false;

  constructor(options: NtlmPoolOptions) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 1,
      maxFreeSockets: 1,
      timeout: options.idleTimeoutMs,
      ...(options.ca ? { ca: options.ca } : {}),
    });
  }

  isAuthenticated(): boolean {
    return this.authenticatedSocket !== undefined && !this.authenticatedSocket.destroyed;
  }

  /** The handshake succeeded on `socket`; it stays authenticated until it closes. */
  bind(socket: Socket): void {
    this.authenticatedSocket = socket;
    socket.once('close', () => {
      if (this.authenticatedSocket === socket) this.authenticatedSocket = undefined;
    });
  }

  /** The server no longer treats this connection as authenticated. */
  forget(): void {
    this.authenticatedSocket = undefined;
  }

  close(): void {
    this.authenticatedSocket = undefined;
    this.agent.destroy();
  }
}

/** A bounded pool that hands out authenticated connections first, then idle ones, then new ones, then waits. */
export class NtlmConnectionPool {
  private readonly connections: NtlmConnection[] = [];
  private readonly waiting: ((connection: NtlmConnection) => void)[] = [];

  constructor(private readonly options: NtlmPoolOptions) {}

  acquire(): Promise<NtlmConnection> {
    const idle = this.connections.filter((connection) => !connection.busy);
    const chosen = idle.find((connection) => connection.isAuthenticated()) ?? idle[0] ?? this.open();
    if (chosen === undefined) return new Promise((resolve) => this.waiting.push(resolve));
    chosen.busy = true;
    return Promise.resolve(chosen);
  }

  release(connection: NtlmConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else connection.busy = false;
  }

  get size(): number {
    return this.connections.length;
  }

  close(): void {
    for (const connection of this.connections) connection.close();
  }

  private open(): NtlmConnection | undefined {
    if (this.connections.length >= this.options.maxConnections) return undefined;
    const connection = new NtlmConnection(this.options);
    this.connections.push(connection);
    return connection;
  }
}
