import { BlockList, isIP } from 'node:net';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, PublicError } from '../errors';
import type { Viewer } from '../identity';
import type { OperationLimits } from './operation-limits';

export interface GateRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>> | undefined;
  viewer: Viewer | null;
  /** The TCP peer (the gateway, behind a federated graph). */
  remoteAddress: string | undefined;
}

export interface OperationGateOptions {
  limits: OperationLimits;
  /** Introspection and `_service` for everyone (development); otherwise only for the gateway. */
  introspection: boolean;
  /** Networks whose callers count as the gateway, for introspection and `_service`. */
  schemaNetworks: readonly string[];
  /** Takes `count` tokens of the user's mutation bucket; throws RATE_LIMITED when it is empty. */
  chargeMutations: (userId: string, count: number) => Promise<void>;
}

const SCHEMA_FIELDS = new Set(['__schema', '__type', '_service']);

/**
 * The checks every operation passes after validation, whatever its transport: they need what validation
 * does not see (the caller, the variables, the peer address). Run by the Apollo plugin for HTTP and by
 * the graphql-ws server for sockets.
 */
export class OperationGate {
  private readonly gatewayNetworks = new BlockList();

  constructor(private readonly options: OperationGateOptions) {
    for (const network of options.schemaNetworks) {
      const [address = '', prefix] = network.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.gatewayNetworks.addAddress(address, type);
      else this.gatewayNetworks.addSubnet(address, Number(prefix), type);
    }
  }

  async admit(request: GateRequest): Promise<void> {
    const fragments = fragmentsOf(request.document);
    const roots = rootFields(request.operation.selectionSet, fragments);

    if (!this.options.introspection && roots.some((field) => SCHEMA_FIELDS.has(field.name.value)) && !this.isGateway(request)) {
      throw new PublicError(ErrorCode.Forbidden, 'Introspection and _service are open only to the gateway.');
    }

    const { maxEntities, maxCost } = this.options.limits;
    let entities = 0;
    let entityCost = 0;
    for (const field of roots) {
      if (field.name.value !== '_entities') continue;
      const count = representationCount(field, request.variables);
      entities += count;
      entityCost += count * selectionCost(field.selectionSet, fragments, new Map());
    }
    if (entities > maxEntities) {
      throw new PublicError(ErrorCode.QueryTooComplex, `The request asks for ${entities} entities; the limit is ${maxEntities}.`);
    }
    if (entityCost > maxCost) {
      throw new PublicError(ErrorCode.QueryTooComplex, `The entities cost ${entityCost}; the limit is ${maxCost}.`);
    }

    if (request.operation.operation === 'mutation' && request.viewer) {
      // Fields with one response key are merged and run once; every other key is a mutation of its own.
      const keys = new Set(roots.map((field) => field.alias?.value ?? field.name.value));
      keys.delete('__typename');
      if (keys.size > 0) await this.options.chargeMutations(request.viewer.userId, keys.size);
    }
  }

  private isGateway(request: GateRequest): boolean {
    if (request.viewer?.isHostService) return true;
    const address = request.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    if (!address) return false;
    return this.gatewayNetworks.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** The operation's top-level fields, through inline fragments and spreads (each fragment once). */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

function representationCount(field: FieldNode, variables: GateRequest['variables']): number {
  const argument = field.arguments?.find((a) => a.name.value === 'representations');
  if (!argument) return 0;
  if (argument.value.kind === Kind.LIST) return argument.value.values.length;
  if (argument.value.kind === Kind.VARIABLE) {
    const value = variables?.[argument.value.name.value];
    return Array.isArray(value) ? value.length : 1;
  }
  return 1;
}

/** One point a field, as the cost rule counts; a fragment's figure is computed once. */
function selectionCost(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, number>): number {
  if (!selectionSet) return 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) cost += 1 + selectionCost(selection.selectionSet, fragments, memo);
    else if (selection.kind === Kind.INLINE_FRAGMENT) cost += selectionCost(selection.selectionSet, fragments, memo);
    else {
      const name = selection.name.value;
      let known = memo.get(name);
      if (known === undefined) {
        memo.set(name, 0); // a cycle (already refused by validation) costs nothing more
        known = selectionCost(fragments.get(name)?.selectionSet, fragments, memo);
        memo.set(name, known);
      }
      cost += known;
    }
  }
  return cost;
}
