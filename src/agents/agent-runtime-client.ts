import { Pool, type Dispatcher } from 'undici';
import {
  AgentRuntimeResponseSchema,
  ATTEMPT_HEADER,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signAgentRuntimeRequest,
  type AgentRuntimeMessageChange,
  type AgentRuntimeReply,
  type AgentRuntimeRequest,
} from './agent-runtime-contract';

export interface AgentRuntimeClientOptions {
  url: string;
  secret: string;
  timeoutMs: number;
  connections?: number;
  /** Replaces the pool (not closed by `close()`). */
  dispatcher?: Dispatcher;
}

/** The runtime could not answer now (network, timeout, 5xx, 408, 429): the job retries later. */
export class AgentRuntimeUnavailableError extends Error {
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'AgentRuntimeUnavailableError';
  }
}

/** The runtime refused the request, or answered outside the contract: retrying the same request won't help. */
export class AgentRuntimeRejectedError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'AgentRuntimeRejectedError';
  }
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Calls the host's agent runtime with a signed request (contract in agent-runtime-contract.ts). */
export class AgentRuntimeClient {
  private readonly origin: string;
  private readonly path: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(private readonly options: AgentRuntimeClientOptions) {
    const url = new URL(options.url);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connections: options.connections ?? 16,
        pipelining: 1,
        connectTimeout: options.timeoutMs,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    this.ownsDispatcher = options.dispatcher === undefined;
  }

  /** The runtime's reply, or null when it has nothing to say. */
  async requestReply(request: AgentRuntimeRequest): Promise<AgentRuntimeReply | null> {
    const { statusCode, text } = await this.post(request);
    if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
      throw new AgentRuntimeUnavailableError(`the agent runtime answered HTTP ${statusCode}`);
    }
    if (statusCode < 200 || statusCode >= 300) throw new AgentRuntimeRejectedError(`the agent runtime answered HTTP ${statusCode}`);
    if (statusCode === 204 || text.trim() === '') return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AgentRuntimeRejectedError('the agent runtime answered with a body that is not JSON');
    }
    const parsed = AgentRuntimeResponseSchema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
      throw new AgentRuntimeRejectedError(`the agent runtime's answer breaks the contract at: ${fields}`);
    }
    return parsed.data.reply;
  }

  /** Tells the runtime of an edit or revoke; any 2xx is an acknowledgement and its body is not read. */
  async notifyChange(notice: AgentRuntimeMessageChange): Promise<void> {
    const { statusCode } = await this.post(notice);
    if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
      throw new AgentRuntimeUnavailableError(`the agent runtime answered HTTP ${statusCode}`);
    }
    if (statusCode < 200 || statusCode >= 300) throw new AgentRuntimeRejectedError(`the agent runtime answered HTTP ${statusCode}`);
  }

  private async post(request: AgentRuntimeRequest | AgentRuntimeMessageChange): Promise<{ statusCode: number; text: string }> {
    const body = JSON.stringify(request);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let statusCode: number;
    let text: string;
    try {
      const response = await this.dispatcher.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': 'whatsapp-connect',
          [IDEMPOTENCY_HEADER]: request.idempotencyKey,
          [ATTEMPT_HEADER]: String(request.attempt),
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signAgentRuntimeRequest(this.options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      statusCode = response.statusCode;
      if (Number(response.headers['content-length'] ?? 0) > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw new AgentRuntimeRejectedError('the agent runtime answered with more than 1 MiB');
      }
      text = await response.body.text();
    } catch (error) {
      if (error instanceof AgentRuntimeRejectedError) throw error;
      const code = (error as { code?: unknown }).code;
      // Only the error code: the URL (which may carry a token of the host's) never reaches a log.
      throw new AgentRuntimeUnavailableError(`the agent runtime is unreachable (${typeof code === 'string' ? code : (error as Error).name})`);
    }
    return { statusCode, text };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}
