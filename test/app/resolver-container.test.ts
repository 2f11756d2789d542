import { ResolverContainer } from '../../src/app/resolver-container';

class Greeter {
  constructor(private readonly greeting: string) {}

  greet(name: string): string {
    return `${this.greeting}, ${name}`;
  }
}

class Plain {}

describe('the resolver container', () => {
  test('hands out the instance built with its services, every time', () => {
    const container = new ResolverContainer().provide(Greeter, 'Hello');
    const first = container.get(Greeter) as Greeter;
    expect(first.greet('Ada')).toBe('Hello, Ada');
    expect(container.get(Greeter)).toBe(first);
  });

  test('builds a resolver that takes nothing once, on first use', () => {
    const container = new ResolverContainer();
    const plain = container.get(Plain);
    expect(plain).toBeInstanceOf(Plain);
    expect(container.get(Plain)).toBe(plain);
  });

  test('refuses to build bare a resolver that takes services', () => {
    expect(() => new ResolverContainer().get(Greeter)).toThrow('Greeter takes its services in its constructor');
  });
});
