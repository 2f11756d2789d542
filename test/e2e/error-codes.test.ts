import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { ErrorCode } from '../../src/platform/errors';
import { WhatsAppErrorCodesDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { startTestApp } from '../support/start-test-app';

const SRC = join(__dirname, '..', '..', 'src');
const DOCS = join(__dirname, '..', '..', 'docs', 'graphql-errors.md');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the error-code enum in the schema', () => {
  test('the subgraph\'s SDL has every ErrorCode, each described, and nothing else', async () => {
    const app = await startTestApp();
    const result = await postGraphQL<{ _service: { sdl: string } }>(app.graphqlUrl, '{ _service { sdl } }');
    const enumType = parse(result.data!._service.sdl).definitions.find(
      (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'WhatsAppErrorCode',
    );
    expect(enumType?.description?.value).toBeTruthy();
    const described = Object.fromEntries((enumType?.values ?? []).map((v) => [v.name.value, v.description?.value.trim() ?? '']));
    expect(Object.keys(described).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const code of Object.values(ErrorCode)) expect({ code, description: described[code] }).toEqual({ code, description: expect.stringMatching(/\S{3}/) });
  });

  test('whatsAppErrorCodes lists every code by its wire name, without a token', async () => {
    const app = await startTestApp();
    const result = await postGraphQL(app.graphqlUrl, WhatsAppErrorCodesDocument);
    expect(result.errors).toBeUndefined();
    expect(result.data?.whatsAppErrorCodes).toEqual(Object.values(ErrorCode));
  });

  test('no error code is written in src/ as a bare string the enum does not know', () => {
    // ErrorCode.X is checked by the compiler; this catches the literals it cannot see.
    const known = new Set<string>(Object.values(ErrorCode));
    const literal = /(?:extensions|error):\s*\{\s*code:\s*['"`]([A-Z_]+)['"`]/g;
    const unknown = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => m[1]!).filter((code) => !known.has(code)).map((code) => `${file}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });

  test('docs/graphql-errors.md has a row for every code', () => {
    const rows = new Set([...readFileSync(DOCS, 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect(Object.values(ErrorCode).filter((code) => !rows.has(code))).toEqual([]);
  });
});
