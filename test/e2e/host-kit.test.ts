import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';

/**
 * The GraphQL a host copies from us (the host kit's example operations and the README's walkthrough)
 * must stay valid against the committed schema, or a rename breaks every host that followed it.
 */
const root = join(__dirname, '..', '..');
const schema: GraphQLSchema = buildSchema(readFileSync(join(root, 'schema', 'executable.graphql'), 'utf8'));

function problemsOf(source: string): string[] {
  return validate(schema, parse(source)).map((error) => error.message);
}

describe('the host kit', () => {
  const folder = join(root, 'docs', 'host-kit', 'operations');
  const files = readdirSync(folder).filter((name) => name.endsWith('.graphql'));

  it('has the example operations the integration guide names', () => {
    expect(files.sort()).toEqual(['agents.graphql', 'connect.graphql', 'credentials.graphql']);
  });

  it.each(files)('%s validates against schema/executable.graphql', (file) => {
    expect(problemsOf(readFileSync(join(folder, file), 'utf8'))).toEqual([]);
  });
});

describe("the README's walkthrough", () => {
  // Each step sends a JSON body whose "query" is one GraphQL document.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const documents = [...readme.matchAll(/"query":"((?:[^"\\]|\\.)*)"/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);

  it('sends GraphQL documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(5);
  });

  it.each(documents.map((document) => [document.slice(0, 60), document]))('%s… validates', (_, document) => {
    expect(problemsOf(document)).toEqual([]);
  });
});
