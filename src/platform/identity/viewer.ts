/** The authenticated caller of one request or subscription, as asserted by the host's token. */
export interface Viewer {
  /** The host's user id (`sub`). */
  userId: string;
  roles: readonly string[];
  /** May list and suspend any credential and run fleet-wide jobs; never reads a secret. */
  isAdmin: boolean;
  /** The host platform itself, e.g. telling us that a user was deleted. */
  isHostService: boolean;
  /** The `email` claim when the host sends one: where credential alerts go unless the user names another address. */
  email?: string;
  /**
   * The agents the host says this caller owns or administers, from the token's agents claim
   * (AGENT_OWNERSHIP=claim); undefined when the token has no such claim.
   */
  agentIds?: readonly string[];
}
