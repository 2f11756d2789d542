import { newAccessToken, newAppSecret, newDisplayPhoneNumber, newGraphId } from './sandbox-ids';

/** The simulator's world, all in memory: apps, business accounts, phone numbers and tokens. */

export const MANAGEMENT_SCOPE = 'whatsapp_business_management';
export const MESSAGING_SCOPE = 'whatsapp_business_messaging';
const ALL_SCOPES = [MANAGEMENT_SCOPE, MESSAGING_SCOPE, 'business_management', 'public_profile'];
const DAY_MS = 86_400_000;

export interface SandboxApp {
  id: string;
  name: string;
  secret: string;
  /** The App Dashboard callback URL (docs/whatsapp-cloud-api.md §2.1); the last routing layer. */
  callbackUrl?: string;
  /** Mirrors the "Require app secret" app setting: calls without `appsecret_proof` are refused. */
  requireAppSecretProof: boolean;
  /**
   * The webhook fields the app subscribed to (App Dashboard or `POST /<APP_ID>/subscriptions`); Meta
   * sends no other field for any of its WABAs. Absent: `messages` only, what the dashboard's quick start ticks.
   */
  fields?: string[];
}

/** What the app receives; see `SandboxApp.fields`. */
export function appFieldsOf(app: SandboxApp): string[] {
  return app.fields ?? ['messages'];
}

/** A message template of a WABA (docs/whatsapp-cloud-api.md §5.5), as `message_templates` returns it. */
export interface SandboxTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format: 'POSITIONAL' | 'NAMED';
  components: Array<Record<string, unknown>>;
  quality_score: { score: string; date: number };
}

export interface SandboxWaba {
  id: string;
  name: string;
  businessId: string;
  ownerAppId: string;
  /** App ID → its WABA-level override, if any (docs/whatsapp-cloud-api.md §2.2-2.3). */
  subscriptions: Map<string, { overrideUri?: string }>;
  phoneNumberIds: string[];
  /** Absent in snapshots written before templates were simulated. */
  templates?: SandboxTemplate[];
}

export interface SandboxPhone {
  id: string;
  wabaId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: string;
  /** `whatsapp_business_manager_messaging_limit`: the portfolio's tier. */
  messagingLimit?: string;
  status: string;
  /** Phone-level override (docs/whatsapp-cloud-api.md §2.4); wins over everything else. */
  overrideUri?: string;
  restricted: boolean;
  /** Messages per second accepted before 130429; undefined means unlimited. */
  throughputPerSecond?: number;
  /** Recipient digits → clock time of the last inbound message (the 24 h window, §6.1). */
  lastInboundAt: Map<string, number>;
  accepted: number;
  rateSecond: number;
  rateCount: number;
}

/** A file uploaded by the business or sent by a customer; kept in memory only (not in the snapshot). */
export interface SandboxMedia {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
  sha256: string;
}

export interface SandboxToken {
  value: string;
  appId: string;
  userId: string;
  type: 'SYSTEM_USER' | 'USER';
  scopes: string[];
  targetWabaIds: string[];
  issuedAtMs: number;
  /** 0 = never expires, as `debug_token` reports it. */
  expiresAtMs: number;
  revokedSubcode?: number;
}

export interface CreateAccountOptions {
  /** Reuse an app created by an earlier `createAccount` (several tenants on one Meta app). */
  appId?: string;
  appSecret?: string;
  appName?: string;
  businessName?: string;
  verifiedName?: string;
  displayPhoneNumber?: string;
  /** Lifetime of the `expiring` token. Default 5 days. */
  expiringTokenDays?: number;
  appCallbackUrl?: string;
  requireAppSecretProof?: boolean;
  throughputPerSecond?: number;
}

/** Everything a test or a developer needs to act as one tenant. */
export interface SandboxAccount {
  appId: string;
  appSecret: string;
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  tokens: {
    /** Non-expiring system-user token with every scope, granted this WABA. */
    valid: string;
    /** Same, but expires after `expiringTokenDays`. */
    expiring: string;
    /** Expired yesterday: Graph answers 190/463. */
    expired: string;
    /** Lacks `whatsapp_business_messaging`: reads work, sends fail with 10. */
    missingScope: string;
    /** Valid, but granted another WABA only: this account's assets answer 200. */
    wrongWaba: string;
    /** Invalidated (password change): Graph answers 190/460. */
    revoked: string;
  };
}

/** The world as JSON, so a developer's sandbox survives a restart (its Maps as entry lists). */
export interface SandboxSnapshot {
  version: 1;
  primary?: SandboxAccount;
  apps: SandboxApp[];
  wabas: Array<Omit<SandboxWaba, 'subscriptions'> & { subscriptions: Array<[string, { overrideUri?: string }]> }>;
  phones: Array<Omit<SandboxPhone, 'lastInboundAt'> & { lastInboundAt: Array<[string, number]> }>;
  tokens: SandboxToken[];
}

export class SandboxState {
  readonly apps = new Map<string, SandboxApp>();
  readonly wabas = new Map<string, SandboxWaba>();
  readonly phones = new Map<string, SandboxPhone>();
  readonly tokens = new Map<string, SandboxToken>();
  readonly media = new Map<string, SandboxMedia>();
  /** The account the plugin's sandbox mode offers a developer at every start. */
  primary: SandboxAccount | undefined;

  constructor(private readonly now: () => number) {}

  snapshot(): SandboxSnapshot {
    return {
      version: 1,
      primary: this.primary,
      apps: [...this.apps.values()],
      wabas: [...this.wabas.values()].map((waba) => ({ ...waba, subscriptions: [...waba.subscriptions] })),
      phones: [...this.phones.values()].map((phone) => ({ ...phone, lastInboundAt: [...phone.lastInboundAt] })),
      tokens: [...this.tokens.values()],
    };
  }

  restore(snapshot: SandboxSnapshot): void {
    if (snapshot.version !== 1) throw new Error(`unknown sandbox snapshot version ${String(snapshot.version)}`);
    this.primary = snapshot.primary;
    for (const app of snapshot.apps) this.apps.set(app.id, app);
    for (const waba of snapshot.wabas) this.wabas.set(waba.id, { ...waba, subscriptions: new Map(waba.subscriptions) });
    for (const phone of snapshot.phones) this.phones.set(phone.id, { ...phone, lastInboundAt: new Map(phone.lastInboundAt) });
    for (const token of snapshot.tokens) this.tokens.set(token.value, token);
  }

  createAccount(options: CreateAccountOptions = {}): SandboxAccount {
    const app = options.appId ? this.apps.get(options.appId) : undefined;
    if (options.appId && !app) throw new Error(`No sandbox app ${options.appId}`);
    const theApp = app ?? this.createApp(options);
    const waba = this.createWaba(theApp.id, options.businessName ?? 'Sandbox Business');
    const phone = this.addPhoneNumber(waba.id, {
      verifiedName: options.verifiedName,
      displayPhoneNumber: options.displayPhoneNumber,
      throughputPerSecond: options.throughputPerSecond,
    });
    const otherWaba = this.createWaba(theApp.id, 'Another Business');
    const now = this.now();
    const token = (overrides: Partial<SandboxToken>) =>
      this.createToken({ appId: theApp.id, targetWabaIds: [waba.id], ...overrides });
    return {
      appId: theApp.id,
      appSecret: theApp.secret,
      wabaId: waba.id,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      verifiedName: phone.verifiedName,
      tokens: {
        valid: token({}),
        expiring: token({ expiresAtMs: now + (options.expiringTokenDays ?? 5) * DAY_MS }),
        expired: token({ issuedAtMs: now - 61 * DAY_MS, expiresAtMs: now - DAY_MS }),
        missingScope: token({ scopes: ALL_SCOPES.filter((s) => s !== MESSAGING_SCOPE) }),
        wrongWaba: token({ targetWabaIds: [otherWaba.id] }),
        revoked: token({ revokedSubcode: 460 }),
      },
    };
  }

  createApp(options: { appSecret?: string; appName?: string; appCallbackUrl?: string; requireAppSecretProof?: boolean }): SandboxApp {
    const app: SandboxApp = {
      id: newGraphId(),
      name: options.appName ?? 'Sandbox App',
      secret: options.appSecret ?? newAppSecret(),
      callbackUrl: options.appCallbackUrl,
      requireAppSecretProof: options.requireAppSecretProof ?? false,
    };
    this.apps.set(app.id, app);
    return app;
  }

  createWaba(ownerAppId: string, name: string): SandboxWaba {
    const waba: SandboxWaba = { id: newGraphId(), name, businessId: newGraphId(), ownerAppId, subscriptions: new Map(), phoneNumberIds: [], templates: [] };
    this.wabas.set(waba.id, waba);
    return waba;
  }

  addPhoneNumber(
    wabaId: string,
    options: { verifiedName?: string; displayPhoneNumber?: string; throughputPerSecond?: number } = {},
  ): SandboxPhone {
    const waba = this.wabas.get(wabaId);
    if (!waba) throw new Error(`No sandbox WABA ${wabaId}`);
    const phone: SandboxPhone = {
      id: newGraphId(),
      wabaId,
      displayPhoneNumber: options.displayPhoneNumber ?? newDisplayPhoneNumber(),
      verifiedName: options.verifiedName ?? 'Sandbox Shop',
      qualityRating: 'GREEN',
      status: 'CONNECTED',
      restricted: false,
      throughputPerSecond: options.throughputPerSecond,
      lastInboundAt: new Map(),
      accepted: 0,
      rateSecond: 0,
      rateCount: 0,
    };
    this.phones.set(phone.id, phone);
    waba.phoneNumberIds.push(phone.id);
    return phone;
  }

  createToken(init: { appId: string; targetWabaIds: string[] } & Partial<SandboxToken>): string {
    const token: SandboxToken = {
      value: newAccessToken(),
      userId: newGraphId(),
      type: 'SYSTEM_USER',
      scopes: ALL_SCOPES,
      issuedAtMs: this.now(),
      expiresAtMs: 0,
      ...init,
    };
    this.tokens.set(token.value, token);
    return token.value;
  }

  phoneOrThrow(phoneNumberId: string): SandboxPhone {
    const phone = this.phones.get(phoneNumberId);
    if (!phone) throw new Error(`No sandbox phone number ${phoneNumberId}`);
    return phone;
  }
}
