/**
 * A stored reference in our own shape, the Bot Framework's wire names (`bot`, not the Agents SDK's `agent`), plus the
 * Teams channel id for channel conversations. Each host maps it to its SDK's reference (bot/hosts/*).
 */
export interface StoredReference {
  readonly serviceUrl?: string;
  readonly channelId?: string;
  readonly locale?: string;
  readonly conversation?: {
    readonly id: string;
    readonly conversationType?: string;
    readonly tenantId?: string;
    readonly [field: string]: unknown;
  };
  readonly bot?: { readonly id: string; readonly name?: string; readonly [field: string]: unknown };
  readonly teamsChannelId?: string;
}
