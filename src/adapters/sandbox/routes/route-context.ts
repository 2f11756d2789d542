import type { Principal } from '../sandbox-auth';
import type { SandboxState } from '../sandbox-state';

/** A parsed Graph request, as the route handlers see it. */
export interface RouteRequest {
  method: string;
  /** Path segments after `/<version>/`. */
  segments: string[];
  query: URLSearchParams;
  /** JSON or form body; form fields that hold JSON are decoded. */
  body: Record<string, unknown> | undefined;
  /** Authenticated before routing, as Graph does: a dead token fails even on an unknown path. */
  principal: Principal;
  version: string;
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface RouteContext {
  state: SandboxState;
  /** Where the simulator listens, for `paging.next` links. */
  baseUrl(): string;
  /** The simulator clock (ms); tests move it with `Sandbox.advanceClock`. */
  now(): number;
  /** Runs the `hub.challenge` handshake; resolves to null when it passed, or why it failed. */
  verifyCallback(uri: string, verifyToken: string): Promise<string | null>;
  onMessageAccepted(record: SentMessageRecord): void;
}

/** What the simulator remembers of each accepted send, for `deliverStatus` and assertions. */
export interface SentMessageRecord {
  wamid: string;
  phoneNumberId: string;
  /** Digits of `to`, or the BSUID from `recipient`. */
  recipient: string;
  type: string;
  body: Record<string, unknown>;
  acceptedAt: number;
}

/** `undefined` = this handler does not serve the path. */
export type RouteHandler = (request: RouteRequest, context: RouteContext) => Promise<RouteResponse | undefined> | RouteResponse | undefined;

export const ok = (body: unknown): RouteResponse => ({ status: 200, body });
