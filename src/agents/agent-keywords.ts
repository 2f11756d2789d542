import { assertDistinctKeywords, normalizeKeywords } from '../opt-outs';
import type { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

/**
 * Applies the keyword lists an enable or update gave (undefined: unchanged; null: the defaults) and
 * checks the result, so the two lists never share a word. Returns the names of the fields changed.
 */
export function applyKeywordInput(
  config: Pick<AgentWhatsAppConfig, 'optOutKeywords' | 'optInKeywords'>,
  input: { optOutKeywords?: string[] | null; optInKeywords?: string[] | null },
): string[] {
  const optOut = normalizeKeywords(input.optOutKeywords, 'input.optOutKeywords');
  const optIn = normalizeKeywords(input.optInKeywords, 'input.optInKeywords');
  const changed: string[] = [];
  if (optOut !== undefined) {
    config.optOutKeywords = optOut;
    changed.push('optOutKeywords');
  }
  if (optIn !== undefined) {
    config.optInKeywords = optIn;
    changed.push('optInKeywords');
  }
  if (changed.length > 0) assertDistinctKeywords(config, changed.includes('optInKeywords') ? 'input.optInKeywords' : 'input.optOutKeywords');
  return changed;
}
