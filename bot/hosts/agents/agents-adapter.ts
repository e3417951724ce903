import type { Activity } from '@microsoft/agents-activity';
import {
  CloudAdapter,
  ConnectorClient,
  type AuthConfiguration,
  type HeaderPropagationCollection,
} from '@microsoft/agents-hosting';

/** The validated token's claims, as the SDK hands them on (jsonwebtoken's `JwtPayload`). */
interface Claims {
  readonly aud?: string | string[];
  readonly [claim: string]: unknown;
}

/** The Bot Framework channel's scope for the bot's outbound token. */
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/**
 * The SDK's CloudAdapter with two changes. Without credentials every outbound call is anonymous (the loopback
 * connector of the playground and the tests). With them, the connector's token is asked for on the first outbound
 * call, not before the turn: the SDK fetches it eagerly, so an invoke answered in the HTTP body would depend on the
 * token service; botbuilder asks lazily too.
 */
export class AgentsAdapter extends CloudAdapter {
  constructor(
    authConfig: AuthConfiguration,
    private readonly credentialed: boolean,
  ) {
    super(authConfig);
  }

  protected override async createConnectorClientWithIdentity(
    identity: Claims,
    activity: Activity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    if (!this.credentialed || !identity?.aud)
      return ConnectorClient.createClientWithToken(activity.serviceUrl ?? '', '', headers);
    return lazyClient(() => super.createConnectorClientWithIdentity(identity, activity, headers));
  }

  /** A connector client for `serviceUrl` outside any turn (a new channel post). */
  async connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    if (!this.credentialed) return ConnectorClient.createClientWithToken(serviceUrl, '');
    const token = await this.connectionManager.getDefaultConnection().getAccessToken(BOT_FRAMEWORK_SCOPE);
    return ConnectorClient.createClientWithToken(serviceUrl, token);
  }
}

/** A client whose every (async) method first builds the real one, once. */
function lazyClient(build: () => Promise<ConnectorClient>): ConnectorClient {
  let real: Promise<ConnectorClient> | undefined;
  return new Proxy({} as ConnectorClient, {
    get(_target, property) {
      // Not a thenable: the adapter awaits this client.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      return async (...args: unknown[]) => {
        real ??= build();
        const client = await real;
        const method = (client as unknown as Record<PropertyKey, unknown>)[property];
        if (typeof method !== 'function') throw new TypeError(`ConnectorClient has no method ${String(property)}`);
        return (method as (...a: unknown[]) => unknown).apply(client, args);
      };
    },
  });
}
