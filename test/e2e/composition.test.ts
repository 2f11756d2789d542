import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { createEventBus } from '../../src/platform/events';
import { buildSubgraph } from '../../src/platform/graphql/build-subgraph-schema';
import { ORPHANED_TYPES, REFERENCE_RESOLVERS, SCHEMA_RESOLVERS } from '../../src/app/resolvers';

// A realistic host: it owns User and Agent, and has its own types and root fields with the generic
// names an agent platform is likely to use. Composed with ours, nothing may clash or be merged.
const REALISTIC_HOST = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type User @key(fields: "id") { id: ID! name: String! }
  type Agent @key(fields: "id") { id: ID! name: String! owner: User! }
  type AuditEntry { id: ID! action: String! }
  type WebhookEndpoint { id: ID! url: String! }
  type Message { id: ID! text: String! }
  type Conversation { id: ID! messages: [Message!]! }
  type Credential { id: ID! provider: String! }
  type PageInfo { hasNextPage: Boolean! }
  enum Weekday { MON TUE }
  enum ErrorCode { NOPE }
  type Query { me: User! agents: [Agent!]! auditLog: [AuditEntry!]! webhooks: [WebhookEndpoint!]! credentials: [Credential!]! conversations: [Conversation!]! }
  type Mutation { deleteUserData(userId: ID!): Boolean! rotateUserKey: Boolean! }
  type Subscription { credentialHealthChanged: Credential! }
  type Weekly { day: Weekday! code: ErrorCode! page: PageInfo! }
  extend type Query { weekly: Weekly! }
`);

const TRIVIAL_HOST = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type User @key(fields: "id") { id: ID! name: String! }
  type Agent @key(fields: "id") { id: ID! name: String! }
  type Query { me: User! agents: [Agent!]! }
`);

async function ourSubgraph(deprecatedFields: boolean) {
  const schema = await buildSubgraph({ resolvers: SCHEMA_RESOLVERS, orphanedTypes: ORPHANED_TYPES, referenceResolvers: REFERENCE_RESOLVERS, pubSub: createEventBus(), deprecatedFields });
  return { name: 'whatsapp', url: 'http://whatsapp.invalid/graphql', typeDefs: parse(printSubgraphSchema(schema)) };
}

function compose(host: ReturnType<typeof parse>, ours: Awaited<ReturnType<typeof ourSubgraph>>) {
  const result = composeServices([{ name: 'host', url: 'http://host.invalid/graphql', typeDefs: host }, ours]);
  return { errors: result.errors?.map((e) => e.message) ?? [], hints: result.hints?.map((h) => `${h.definition.code}: ${h.message}`) ?? [], result };
}

function rootFields(api: GraphQLSchema, root: 'Query' | 'Mutation' | 'Subscription'): string[] {
  const type = api.getType(root);
  return isObjectType(type) ? Object.keys(type.getFields()) : [];
}

test('with the old field names left out, ours composes with a realistic host: no error, no hint', async () => {
  const { errors, hints } = compose(REALISTIC_HOST, await ourSubgraph(false));
  expect(errors).toEqual([]);
  expect(hints).toEqual([]);
});

test('with the default schema (old names served), ours composes with a trivial host: no error, no hint', async () => {
  const { errors, hints } = compose(TRIVIAL_HOST, await ourSubgraph(true));
  expect(errors).toEqual([]);
  expect(hints).toEqual([]);
});

test('the old names are exactly what clashes with a host that has deleteUserData and credentialHealthChanged', async () => {
  const { errors } = compose(REALISTIC_HOST, await ourSubgraph(true));
  expect(errors.join('\n')).toMatch(/deleteUserData|credentialHealthChanged|rotateUserKey/);
});

test('the supergraph keeps the contract tags, and erasure never reaches the gateway\'s API', async () => {
  const { result } = compose(TRIVIAL_HOST, await ourSubgraph(true));
  const supergraph = parse(result.supergraphSdl!);
  const tagged: Record<string, string[]> = {};
  for (const definition of supergraph.definitions) {
    if (definition.kind !== 'ObjectTypeDefinition' || !['Query', 'Mutation'].includes(definition.name.value)) continue;
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (directive.name.value !== 'tag') continue;
        const name = directive.arguments?.find((a) => a.name.value === 'name');
        const tag = name?.value.kind === 'StringValue' ? name.value.value : '?';
        (tagged[tag] ??= []).push(`${definition.name.value}.${field.name.value}`);
      }
    }
  }
  expect(tagged.admin?.sort()).toEqual([
    'Mutation.deprecatePlatformWhatsApp',
    'Mutation.reinstateWhatsAppCredential',
    'Mutation.retirePlatformWhatsApp',
    'Mutation.setWhatsAppCredentialSource',
    'Mutation.startKeyRotationRun',
    'Mutation.startWhatsAppKeyRotationRun',
    'Mutation.suspendWhatsAppCredential',
    'Query.adminWhatsAppAuditLog',
    'Query.adminWhatsAppCredentials',
    'Query.keyRotationRun',
    'Query.platformWhatsApp',
    'Query.whatsAppKeyRotationRun',
  ]);
  expect(tagged.service?.sort()).toEqual(['Mutation.deleteUserData', 'Mutation.deleteWhatsAppUserData']);

  const api = result.schema!.toAPISchema().toGraphQLJSSchema();
  expect(rootFields(api, 'Mutation')).not.toContain('deleteWhatsAppUserData');
  expect(api.getType('WhatsAppUserDataErasure')).toBeUndefined();
  expect(rootFields(api, 'Query')).toEqual(expect.arrayContaining(['whatsAppCredentials', 'adminWhatsAppCredentials']));
});
