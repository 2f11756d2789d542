import { qualityStepsOf, type QualityUpdateRow } from './quality-webhooks';

const update = (event: string, currentLimit: string | null, oldLimit?: string): QualityUpdateRow =>
  ({ userId: 'u', credentialId: 'c', event, currentLimit, oldLimit });
const unknown = { limit: null, flagged: false };

test('ONBOARDING then DOWNGRADE in one batch is a downgrade, though the stored limit was unknown', () => {
  expect(qualityStepsOf(unknown, [update('ONBOARDING', 'TIER_2K'), update('DOWNGRADE', 'TIER_250')]))
    .toEqual({ limitFrom: 'TIER_2K', limitTo: 'TIER_250', flagRaised: false });
});

test('old_limit stands in for a limit we never learnt, and only then', () => {
  expect(qualityStepsOf(unknown, [update('DOWNGRADE', 'TIER_250', 'TIER_2K')]).limitFrom).toBe('TIER_2K');
  // The stored limit is already the new one (a health check read it first): no second warning.
  expect(qualityStepsOf({ limit: 'TIER_250', flagged: false }, [update('DOWNGRADE', 'TIER_250', 'TIER_2K')]).limitFrom).toBeNull();
});

test('a drop undone within the batch, the same limit again, or TIER_NOT_SET is no news', () => {
  expect(qualityStepsOf({ limit: 'TIER_2K', flagged: false }, [update('DOWNGRADE', 'TIER_250'), update('UPGRADE', 'TIER_2K')]).limitFrom).toBeNull();
  expect(qualityStepsOf({ limit: 'TIER_250', flagged: false }, [update('DOWNGRADE', 'TIER_250')]).limitFrom).toBeNull();
  expect(qualityStepsOf({ limit: 'TIER_2K', flagged: false }, [update('ONBOARDING', 'TIER_NOT_SET')]).limitFrom).toBeNull();
});

test('a flag raised by an earlier update of the batch counts while the number stays flagged', () => {
  expect(qualityStepsOf(unknown, [update('FLAGGED', null), update('ONBOARDING', 'TIER_2K')]).flagRaised).toBe(true);
  expect(qualityStepsOf(unknown, [update('FLAGGED', null), update('UNFLAGGED', null)]).flagRaised).toBe(false);
  expect(qualityStepsOf({ limit: null, flagged: true }, [update('FLAGGED', null)]).flagRaised).toBe(false);
});
