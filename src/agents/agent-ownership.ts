import { LRUCache } from 'lru-cache';
import { Agent as HttpAgent, request } from 'undici';
import type { AgentOwnershipConfig } from '../config';
import { PublicError } from '../platform/errors';
import type { Viewer } from '../platform/identity';

/** The host's ownership check could not answer (unreachable, timed out, or an unexpected status): fail closed. */
class AgentOwnershipUnavailableError extends Error {
  constructor(readonly reason: 'unreachable' | 'timeout' | 'unexpected-status', readonly status?: number) {
    super(`The host's agent ownership check did not answer (${reason}${status ? ` ${status}` : ''}); nothing was changed.`);
    this.name = 'AgentOwnershipUnavailableError';
  }
}

/**
 * Whether the host says a caller owns (or administers) an agent. The plugin has no agents table of its
 * own, so this is the host's word, in one of three ways chosen by AGENT_OWNERSHIP:
 *
 * - `claim`: the host's token carries the caller's agent ids in a claim (AGENT_OWNERSHIP_CLAIM).
 * - `http`: `GET AGENT_OWNERSHIP_URL` (with `{userId}` and `{agentId}` filled in) answers 2xx for
 *   "owns or administers", 403 or 404 for "does not"; anything else fails closed. Answers are cached
 *   for AGENT_OWNERSHIP_CACHE_TTL_MS.
 * - `trust`: development and tests only (production refuses it): every caller owns what they name.
 *
 * A token's admin role is also the host's word: where an operation lets admins act on any agent, they pass.
 */
export class AgentOwnership {
  private readonly config: AgentOwnershipConfig;
  private readonly cache?: LRUCache<string, boolean>;
  private readonly dispatcher?: HttpAgent;

  constructor(config: AgentOwnershipConfig) {
    this.config = config;
    if (config.mode === 'http') {
      this.dispatcher = new HttpAgent({ connections: 16, headersTimeout: config.timeoutMs, bodyTimeout: config.timeoutMs });
      if (config.cacheTtlMs > 0) this.cache = new LRUCache<string, boolean>({ max: 10_000, ttl: config.cacheTtlMs });
    }
  }

  get mode(): AgentOwnershipConfig['mode'] {
    return this.config.mode;
  }

  /** True when the host says the viewer owns the agent (an id already parsed to a lowercase uuid). */
  async owns(viewer: Viewer, agentId: string, options: { adminAllowed?: boolean } = {}): Promise<boolean> {
    if (options.adminAllowed && viewer.isAdmin) return true;
    switch (this.config.mode) {
      case 'trust':
        return true;
      case 'claim':
        return (viewer.agentIds ?? []).includes(agentId);
      case 'http':
        return this.askHost(viewer.userId, agentId);
    }
  }

  /**
   * NOT_FOUND unless the host says the viewer owns the agent: someone else's agent looks exactly like an
   * unknown one. DEPENDENCY_UNAVAILABLE when the host's check cannot answer.
   */
  async assertOwns(viewer: Viewer, agentId: string, options: { adminAllowed?: boolean } = {}): Promise<void> {
    let owned: boolean;
    try {
      owned = await this.owns(viewer, agentId, options);
    } catch (error) {
      if (error instanceof AgentOwnershipUnavailableError) throw PublicError.dependencyUnavailable('The host\'s agent ownership check');
      throw error;
    }
    if (!owned) throw PublicError.notFound('Agent');
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private async askHost(userId: string, agentId: string): Promise<boolean> {
    const config = this.config as Extract<AgentOwnershipConfig, { mode: 'http' }>;
    const key = `${userId}|${agentId}`;
    const cached = this.cache?.get(key);
    if (cached !== undefined) return cached;
    const url = config.urlTemplate.replaceAll('{userId}', encodeURIComponent(userId)).replaceAll('{agentId}', encodeURIComponent(agentId));
    let status: number;
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: this.dispatcher,
        headers: { accept: 'application/json', ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      status = response.statusCode;
      await response.body.dump();
    } catch (error) {
      const name = (error as { name?: string }).name;
      const timedOut = name === 'TimeoutError' || name === 'HeadersTimeoutError' || name === 'BodyTimeoutError';
      throw new AgentOwnershipUnavailableError(timedOut ? 'timeout' : 'unreachable');
    }
    let owned: boolean;
    if (status >= 200 && status < 300) owned = true;
    else if (status === 403 || status === 404) owned = false;
    else throw new AgentOwnershipUnavailableError('unexpected-status', status);
    this.cache?.set(key, owned);
    return owned;
  }
}
