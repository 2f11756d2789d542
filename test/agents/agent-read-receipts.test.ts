import type { Sandbox } from '../../src/adapters/sandbox';
import { receiveInbound, seedAgent, startAgentRuntime, startAgentTestApp, queueDrained } from './agent-fixtures';

/** The read receipts the simulator received, with their typing indicator. */
const receipts = (sandbox: Sandbox, phoneNumberId: string) =>
  sandbox
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith(`/${phoneNumberId}/messages`))
    .map((r) => r.body as Record<string, unknown>)
    .filter((body) => body.status === 'read');

test('with typingIndicator on, the customer sees the message read and "typing…" before the runtime is asked', async () => {
  const runtime = await startAgentRuntime([{ status: 200, body: { reply: { text: 'Um momento' } } }]);
  const { app, sandbox } = await startAgentTestApp(runtime.env());
  const agent = await seedAgent(app, sandbox, { typingIndicator: true });
  const inbound = await receiveInbound(app, sandbox, agent);
  await runtime.called(1);
  // Marked before the call, so it is in the simulator's log by the time the runtime has the request.
  expect(receipts(sandbox, agent.account.phoneNumberId)).toEqual([
    { messaging_product: 'whatsapp', status: 'read', message_id: inbound.whatsappMessageId, typing_indicator: { type: 'text' } },
  ]);
  await queueDrained(app);
});

test('by default nothing is marked read, and markRead alone sends the ticks without "typing…"', async () => {
  const runtime = await startAgentRuntime([{ status: 200, body: { reply: null } }]);
  const { app, sandbox } = await startAgentTestApp(runtime.env());
  const quiet = await seedAgent(app, sandbox);
  const ticks = await seedAgent(app, sandbox, { markRead: true });
  await receiveInbound(app, sandbox, quiet);
  const inbound = await receiveInbound(app, sandbox, ticks);
  await runtime.called(2);
  await queueDrained(app);
  expect(receipts(sandbox, quiet.account.phoneNumberId)).toEqual([]);
  expect(receipts(sandbox, ticks.account.phoneNumberId)).toEqual([{ messaging_product: 'whatsapp', status: 'read', message_id: inbound.whatsappMessageId }]);
});
