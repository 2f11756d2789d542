import 'reflect-metadata';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { createEventBus } from '../../src/platform/events';
import { buildSubgraph } from '../../src/platform/graphql/build-subgraph-schema';
import { ORPHANED_TYPES, REFERENCE_RESOLVERS, SCHEMA_RESOLVERS } from '../../src/app/resolvers';

// The schema is the contract hosts compose and generate clients from (docs/graphql-naming.md). These
// rules keep it that way as it grows: each failure lists every offender, so one run shows all to fix.

/** The host's entities we extend: their names are the host's, the fields we add are ours. */
const HOST_ENTITIES = new Set(['User', 'Agent']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Scalars from graphql-scalars and type-graphql: standard names, shared with any host as-is. */
const STANDARD_SCALARS = new Set(['DateTimeISO', 'JSONObject']);
/** Added by @apollo/subgraph for the gateway, not by the plugin. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

function isPluginType(type: GraphQLNamedType): boolean {
  if (isIntrospectionType(type) || isSpecifiedScalarType(type) || STANDARD_SCALARS.has(type.name)) return false;
  return !type.name.startsWith('_') && !type.name.startsWith('link__') && !type.name.startsWith('federation__');
}

interface Member {
  /** Coordinates such as `Query.whatsAppCredential(id)` or `WhatsAppMessageStatus.SENT`. */
  path: string;
  description: string | null | undefined;
  deprecationReason?: string | null;
}

/** Every described thing of the plugin's types: the types themselves, fields, arguments, input fields, enum values. */
function members(schema: GraphQLSchema): Member[] {
  const found: Member[] = [];
  for (const type of Object.values(schema.getTypeMap()).filter(isPluginType)) {
    if (!ROOT_TYPES.has(type.name) && !HOST_ENTITIES.has(type.name)) found.push({ path: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_FIELDS.has(field.name)) continue;
        const path = `${type.name}.${field.name}`;
        found.push({ path, description: field.description, deprecationReason: field.deprecationReason });
        // An argument of a deprecated field goes with it.
        for (const arg of 'args' in field ? field.args : []) {
          found.push({ path: `${path}(${arg.name})`, description: arg.description, deprecationReason: 'args' in field ? field.deprecationReason : null });
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        found.push({ path: `${type.name}.${value.name}`, description: value.description, deprecationReason: value.deprecationReason });
      }
    }
  }
  return found;
}

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildSubgraph({ resolvers: SCHEMA_RESOLVERS, orphanedTypes: ORPHANED_TYPES, referenceResolvers: REFERENCE_RESOLVERS, pubSub: createEventBus() });
});

test('every type, field, argument, input field and enum value of the plugin has a description', () => {
  const undescribed = members(schema).filter((m) => !m.description?.trim()).map((m) => m.path);
  expect(undescribed).toEqual([]);
});

test('every type, input, enum, interface, union and scalar of the plugin starts with WhatsApp', () => {
  const named = Object.values(schema.getTypeMap())
    .filter(isPluginType)
    .filter((t) => !ROOT_TYPES.has(t.name) && !HOST_ENTITIES.has(t.name));
  expect(named.filter((t) => !t.name.startsWith('WhatsApp')).map((t) => t.name)).toEqual([]);
});

test('root fields and the fields added to host entities carry WhatsApp (deprecated old names aside)', () => {
  const offenders: string[] = [];
  for (const typeName of [...ROOT_TYPES, ...HOST_ENTITIES]) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name) || field.deprecationReason || (HOST_ENTITIES.has(typeName) && field.name === 'id')) continue;
      if (!/WhatsApp|^whatsApp/.test(field.name)) offenders.push(`${typeName}.${field.name}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('WhatsApp is spelled one way (WHATSAPP in enum values): never whatsapp or Whatsapp, outside deprecated old names', () => {
  const miscased = members(schema)
    .filter((m) => !m.deprecationReason)
    .map((m) => m.path)
    .filter((path) => /whatsapp|Whatsapp/.test(path));
  expect(miscased).toEqual([]);
});

test('every deprecated field names its replacement', () => {
  const vague = members(schema)
    .filter((m) => m.deprecationReason)
    .filter((m) => !/^Use \w+\.$/.test(m.deprecationReason!))
    .map((m) => `${m.path}: ${m.deprecationReason}`);
  expect(vague).toEqual([]);
});
