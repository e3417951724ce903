/**
 * The tenant's time: what its services' last answer said the time was, carried on by this host's monotonic clock.
 * What the bot shows as "as of" or "checked" comes from here, so a card tells the time of the data, not of the host
 * that happened to read it (and, against the sandbox, follows its simulated clock).
 */
export interface TenantTime {
  /** The tenant's time now; the host's clock until the tenant has answered once. */
  now(): Date;
}
