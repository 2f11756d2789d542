import { graphErrors } from '../graph-errors';

/**
 * Graph's `fields` parameter: without it a node returns its default fields; an unknown field fails the
 * whole request with (#100) "Tried accessing nonexisting field".
 */
export function selectFields(
  requested: string | null,
  available: Record<string, () => unknown>,
  defaults: readonly string[],
  nodeType: string,
): Record<string, unknown> {
  const names = requested ? requested.split(',').map((f) => f.trim()).filter(Boolean) : [...defaults];
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const getter = available[name];
    if (!getter) throw graphErrors.nonexistingField(name, nodeType);
    const value = getter();
    if (value !== undefined) out[name] = value;
  }
  out.id ??= available.id!();
  return out;
}
