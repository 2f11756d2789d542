/**
 * Federation directives that let a host build contracts of its supergraph (docs/graphql-contracts.md).
 * A public contract excludes both tags; an admin contract excludes only SERVICE_ONLY.
 */

/** Only administrators may call it: the plugin answers FORBIDDEN to anyone else. */
export const ADMIN_ONLY = '@tag(name: "admin")';

/** Called by the host's own backend with its service token, never by an end user's client. */
export const SERVICE_ONLY = '@tag(name: "service")';

/**
 * Left out of the supergraph's API schema: no client of the gateway can select it, only a caller of this
 * subgraph's own endpoint (the host's backend).
 */
export const NOT_THROUGH_GATEWAY = '@inaccessible';
