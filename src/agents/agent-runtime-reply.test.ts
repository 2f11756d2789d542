import { PublicError } from '../platform/errors';
import { AgentRuntimeResponseSchema } from './agent-runtime-contract';
import { replyDraft } from './agent-runtime-reply';

const parse = (reply: unknown) => AgentRuntimeResponseSchema.safeParse({ reply });
const INBOUND = '0b6f0c1e-7d1f-4a51-9a84-3f4f5d1f2c11';

describe('the reply of the contract', () => {
  test('a reply without a type is text, as in the first contract', () => {
    expect(parse({ text: 'Olá', quote: true }).data).toEqual({ reply: { type: 'text', text: 'Olá', quote: true } });
    expect(parse(null).data).toEqual({ reply: null });
    expect(parse({ text: '' }).success).toBe(false);
  });

  test('a typed reply keeps its fields; an unknown type or a field of the wrong JSON type breaks the contract', () => {
    expect(parse({ type: 'location', latitude: 1.5, longitude: 2 }).data?.reply).toEqual({ type: 'location', latitude: 1.5, longitude: 2 });
    expect(parse({ type: 'carousel' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['reply.type']);
    expect(parse({ type: 'buttons', body: 'b', buttons: 'yes' }).success).toBe(false);
  });

  test('a reaction targets the inbound message and cannot quote it', () => {
    const reaction = parse({ type: 'reaction', emoji: '👍' }).data!.reply!;
    expect(replyDraft(reaction, INBOUND)).toEqual({
      draft: { type: 'reaction', body: { message_id: '', emoji: '👍' }, freeForm: true, reactionTo: INBOUND },
      quote: false,
    });
    const quoted = parse({ type: 'reaction', emoji: '👍', quote: true }).data!.reply!;
    expect(() => replyDraft(quoted, INBOUND)).toThrow(PublicError);
  });

  test('limits are the send path\'s, with the field under reply.', () => {
    const tooMany = parse({ type: 'buttons', body: 'b', buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })) }).data!.reply!;
    const error = (() => {
      try {
        replyDraft(tooMany, INBOUND);
      } catch (thrown) {
        return thrown as PublicError;
      }
      return null;
    })();
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reply.buttons' });
    const template = parse({ type: 'template', name: 'hello', languageCode: 'en_US' }).data!.reply!;
    expect(replyDraft(template, INBOUND).draft).toEqual({ type: 'template', body: { name: 'hello', language: { code: 'en_US' } }, freeForm: false });
  });
});
