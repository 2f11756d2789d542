import { MessageStatus } from './message-enums';
import { canAdvance, statusesAdvancingTo, statusFromWebhook } from './status-order';

const { PENDING, SENT, DELIVERED, READ, PLAYED, FAILED, RECEIVED } = MessageStatus;

describe('status order', () => {
  it('moves forward only: sent < delivered < read < played', () => {
    expect(canAdvance(PENDING, SENT)).toBe(true);
    expect(canAdvance(SENT, DELIVERED)).toBe(true);
    expect(canAdvance(SENT, READ)).toBe(true); // Meta skips "delivered" when both happen at once
    expect(canAdvance(READ, PLAYED)).toBe(true);
    expect(canAdvance(READ, DELIVERED)).toBe(false);
    expect(canAdvance(DELIVERED, SENT)).toBe(false);
    expect(canAdvance(DELIVERED, DELIVERED)).toBe(false);
  });

  it('treats failed as final, and never lets it undo a read', () => {
    expect(canAdvance(SENT, FAILED)).toBe(true);
    expect(canAdvance(DELIVERED, FAILED)).toBe(true);
    expect(canAdvance(READ, FAILED)).toBe(false);
    for (const to of [SENT, DELIVERED, READ, PLAYED]) expect(canAdvance(FAILED, to)).toBe(false);
  });

  it('never touches inbound messages', () => {
    for (const to of [SENT, DELIVERED, READ, FAILED]) expect(canAdvance(RECEIVED, to)).toBe(false);
  });

  it('lists the states an update may start from', () => {
    expect(statusesAdvancingTo(DELIVERED).sort()).toEqual([PENDING, SENT].sort());
    expect(statusesAdvancingTo(FAILED).sort()).toEqual([PENDING, SENT, DELIVERED].sort());
  });

  it('maps Meta\'s strings, and leaves unknown ones out', () => {
    expect(statusFromWebhook('read')).toBe(READ);
    expect(statusFromWebhook('played')).toBe(PLAYED);
    expect(statusFromWebhook('held_for_quality_assessment')).toBeNull();
  });
});
