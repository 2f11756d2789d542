import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import { newChallenge } from './sandbox-ids';

export interface WebhookPostResult {
  status: number;
  responseBody: string;
}

/**
 * The simulator's outbound HTTP, playing Meta's side of docs/whatsapp-cloud-api.md §3: the `hub.challenge`
 * handshake and signed event POSTs. It never sends a token; the verify token travels only in the handshake
 * query, as Meta sends it.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    this.agent = new Agent({ connections: 32, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  /** Resolves to null when the endpoint echoed the challenge with a 200, or to Meta-style failure text. */
  async handshake(uri: string, verifyToken: string): Promise<string | null> {
    const challenge = newChallenge();
    const url = new URL(uri);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', verifyToken);
    try {
      const response = await request(url, { dispatcher: this.agent, method: 'GET', signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.body.text();
      if (response.statusCode !== 200) {
        return `HTTP Status Code = ${response.statusCode}; HTTP Message = ${STATUS_CODES[response.statusCode] ?? 'Unknown'}`;
      }
      if (text.trim() !== challenge) {
        return `The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${text.slice(0, 40)}"`;
      }
      return null;
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      return `The URL couldn't be validated. Callback verification failed: ${code}`;
    }
  }

  /** POSTs exactly `rawBody`; `signature` null leaves the header out (for tests of unsigned deliveries). */
  async post(url: string, rawBody: Buffer, signature: string | null): Promise<WebhookPostResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' };
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    const response = await request(url, {
      dispatcher: this.agent,
      method: 'POST',
      headers,
      body: rawBody,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.statusCode, responseBody: await response.body.text() };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
