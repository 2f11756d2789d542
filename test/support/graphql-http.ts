import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { request } from 'undici';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

/**
 * POSTs one operation and returns the decoded response with its HTTP status. Pass a typed document from
 * test/generated (codegen) for operations on our subgraph; a string for supergraph queries.
 */
export async function postGraphQL<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  options: { variables?: TVariables; authorization?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<TData>> {
  const response = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables: options.variables }),
  });
  const body = (await response.body.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.statusCode, ...body };
}
