import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { postGraphQL } from './graphql-http';
import type { HiveGatewayListening, HiveGatewayStart } from './hive-gateway-server';
import { onDispose } from './leftovers';

const ROOT = resolve(__dirname, '..', '..');

/** Asks each subgraph for its SDL and composes the supergraph the gateway serves. */
async function composeSupergraph(subgraphs: Array<{ name: string; url: string }>): Promise<string> {
  const services = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const result = await postGraphQL<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
      return { name, url, typeDefs: parse(result.data!._service.sdl) };
    }),
  );
  const composed = composeServices(services);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}

/**
 * A Hive Gateway in its own process (test/support/hive-gateway-server.ts: the runtime its CLI serves, on
 * node:http and port 0) composing the given subgraphs. It forwards the caller's Authorization header to
 * every subgraph over HTTP, opens its subscriptions to `subscriptionSubgraph` over graphql-ws with the same
 * header on the upgrade request, and serves its own clients GraphQL over HTTP, SSE and graphql-ws.
 */
export async function startHiveGateway(
  subgraphs: Array<{ name: string; url: string }>,
  subscriptionSubgraph: string,
): Promise<{ url: string; wsUrl: string }> {
  const supergraph = await composeSupergraph(subgraphs);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/hive-gateway-server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  onDispose(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const { code, signal } = await exited;
    if (code !== 0) throw new Error(`the Hive Gateway process ended with ${signal ?? `code ${code}`}:\n${output.slice(-4000)}`);
  });

  const start: HiveGatewayStart = { supergraph, subscriptionSubgraph };
  child.send(start);
  const listening = await new Promise<HiveGatewayListening>((ready, fail) => {
    const onExit = () => fail(new Error(`the Hive Gateway process exited during start-up:\n${output.slice(-4000)}`));
    child.once('exit', onExit);
    child.once('message', (message: HiveGatewayListening) => {
      child.off('exit', onExit);
      ready(message);
    });
  });
  const address = `127.0.0.1:${listening.port}${listening.graphqlEndpoint}`;
  return { url: `http://${address}`, wsUrl: `ws://${address}` };
}
