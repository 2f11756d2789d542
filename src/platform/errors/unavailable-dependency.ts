/**
 * Marks an error as "a service we depend on is down; try again later". Adapters set it on their own
 * errors, naming the dependency for people; the GraphQL error formatting turns any error carrying it into
 * DEPENDENCY_UNAVAILABLE without knowing which adapter raised it (and without the vendor's message).
 */
export const UNAVAILABLE_DEPENDENCY = Symbol('unavailableDependency');

/** The dependency an error says is unavailable, if it says so. */
export function unavailableDependencyOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !(UNAVAILABLE_DEPENDENCY in error)) return undefined;
  const dependency = (error as { [UNAVAILABLE_DEPENDENCY]: unknown })[UNAVAILABLE_DEPENDENCY];
  return typeof dependency === 'string' ? dependency : undefined;
}
