import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../../config';
import { ErrorCode, PublicError } from '../errors';

/**
 * Every limit an operation meets before a resolver runs, stated once and applied identically over HTTP
 * (Apollo parses with `parseOptionsFor`, the pipeline plugin validates with `validateOperation`) and over
 * graphql-ws (`parseOperation` and `validateOperation`). The per-request checks that need the caller or
 * the variables live in OperationGate, which reads these same numbers.
 */
export interface OperationLimits {
  /** Longest document, in UTF-16 code units: refused before the lexer starts. */
  maxDocumentLength: number;
  /** Most lexical tokens: the parser stops counting there instead of building a huge tree. */
  maxTokens: number;
  /** Deepest field path, fragments flattened (a spread is not a level). */
  maxDepth: number;
  /** One point a field, times a literal `first`/`last`; `_entities` also pays per representation. */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Representations one request may hand to `_entities`. */
  maxEntities: number;
  /** Validation errors say "Did you mean …?" (they spell out the schema): development only. */
  fieldSuggestions: boolean;
}

export function operationLimits(settings: Config['graphql']): OperationLimits {
  return {
    maxDocumentLength: settings.maxDocumentLength,
    maxTokens: settings.maxTokens,
    maxDepth: settings.maxDepth,
    maxCost: settings.maxCost,
    maxAliases: settings.maxAliases,
    maxDirectives: settings.maxDirectives,
    maxEntities: settings.maxEntities,
    fieldSuggestions: settings.fieldSuggestions,
  };
}

export function parseOptionsFor(limits: OperationLimits): ParseOptions {
  return { maxSourceLength: limits.maxDocumentLength, maxLexicalTokens: limits.maxTokens };
}

function validationOptionsFor(limits: OperationLimits): { hideSuggestions: boolean } {
  return { hideSuggestions: !limits.fieldSuggestions };
}

/** graphql-armor prefixes every refusal with "Syntax Error: ", which these are not. */
const refusal = (context: ValidationContext | null, error: GraphQLError) =>
  context?.reportError(new PublicError(ErrorCode.QueryTooComplex, error.message.replace(/^Syntax Error: /, '')));

/**
 * The graphql-armor rules. Each remembers a fragment's figure after its first visit, so a document of
 * fragments that spread each other twice per level is judged in linear time instead of being expanded.
 * They report into the validation context (so `validate` returns every refusal) instead of throwing.
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const report = { propagateOnRejection: false, onReject: [refusal], exposeLimits: true };
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...report }),
    // Linear: every field one point wherever it sits, as the limit's documentation says.
    costLimitRule({ maxCost: limits.maxCost, objectCost: 1, scalarCost: 1, depthCostFactor: 1, flattenFragments: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ];
}

export type Parsed = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: GraphQLError[] };

/** Parses with the document-length and token limits; a syntax error is GRAPHQL_PARSE_FAILED, as over HTTP. */
export function parseOperation(source: unknown, limits: OperationLimits): Parsed {
  if (typeof source !== 'string' || source.length === 0) {
    return { errors: [new GraphQLError('The operation has no query.', { extensions: { code: ErrorCode.BadRequest } })] };
  }
  try {
    return { document: parse(source, parseOptionsFor(limits)) };
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
    return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.GraphqlParseFailed } })] };
  }
}

/**
 * The limits first, then graphql's own rules. The limit rules are linear (fragments remembered), while
 * some of graphql's rules are not (comparing every pair of sibling fields), so a document the limits
 * refuse never reaches them: a refusal costs a walk of the document and nothing more. Our refusals keep
 * their code; anything else is GRAPHQL_VALIDATION_FAILED, Apollo's code for the same error.
 */
export function validateOperation(schema: GraphQLSchema, document: DocumentNode, limits: OperationLimits, rules: readonly ValidationRule[]): GraphQLError[] {
  const options = validationOptionsFor(limits);
  const refusals = validate(schema, document, rules, options);
  if (refusals.length > 0) return [...refusals];
  return validate(schema, document, specifiedRules, options).map((error) =>
    error instanceof PublicError
      ? error
      : new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.GraphqlValidationFailed } }),
  );
}
