import type { ContainerType } from 'type-graphql';

type ResolverClass<Args extends unknown[]> = new (...args: Args) => object;

/**
 * type-graphql asks its container for a resolver class's instance at each resolution. This one holds
 * the resolvers the composition root built with their domain's services (constructor injection, checked
 * by the compiler in `provide`); a resolver that takes nothing is built once on first use, as
 * type-graphql's default container does.
 */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<Function, object>();

  /** Builds `resolver` once, with the arguments its constructor declares. */
  provide<Args extends unknown[]>(resolver: ResolverClass<Args>, ...args: Args): this {
    this.instances.set(resolver, new resolver(...args));
    return this;
  }

  get(resolver: Function): object {
    const built = this.instances.get(resolver);
    if (built) return built;
    // Built without its services it would fail at its first field, far from the cause.
    if (resolver.length > 0) throw new Error(`${resolver.name} takes its services in its constructor: provide them in src/app/resolvers.ts`);
    const instance = new (resolver as new () => object)();
    this.instances.set(resolver, instance);
    return instance;
  }
}
