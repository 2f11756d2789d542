import { graphErrors } from '../graph-errors';
import { appFieldsOf } from '../sandbox-state';
import { ok, type RouteHandler } from './route-context';

/** Field names Meta documents for `whatsapp_business_account` (docs/whatsapp-cloud-api.md §2.1); others are refused. */
const FIELD_NAME = /^[a-z_]{1,64}$/;

/**
 * `GET|POST|DELETE /<APP_ID>/subscriptions` (docs/whatsapp-cloud-api.md §2.1), with the app access token only.
 * A POST replaces the app's callback URL and its whole list of fields, after the `hub.challenge`
 * handshake passes; this is the only place fields are chosen, for every WABA of the app at once.
 */
export const appSubscriptionsRoute: RouteHandler = async (request, context) => {
  const [id, edge, ...rest] = request.segments;
  if (edge !== 'subscriptions' || rest.length > 0) return undefined;
  const app = context.state.apps.get(id!);
  if (!app) return undefined;
  // Graph answers a user token here with a permissions error: the edge belongs to the app.
  if (request.principal.kind !== 'app' || request.principal.app.id !== app.id) throw graphErrors.noAssetAccess();

  switch (request.method) {
    case 'GET':
      return ok({
        data: app.callbackUrl
          ? [{ object: 'whatsapp_business_account', callback_url: app.callbackUrl, active: true, fields: appFieldsOf(app).map((name) => ({ name, version: request.version })) }]
          : [],
      });
    case 'POST': {
      const body = { ...Object.fromEntries(request.query), ...(request.body ?? {}) } as Record<string, unknown>;
      if (body.object !== 'whatsapp_business_account') throw graphErrors.invalidParameter('Param object must be whatsapp_business_account.');
      if (typeof body.callback_url !== 'string' || !body.callback_url) throw graphErrors.missingParameter('callback_url');
      if (typeof body.verify_token !== 'string' || !body.verify_token) throw graphErrors.missingParameter('verify_token');
      const fields = fieldsOf(body.fields);
      if (!fields) throw graphErrors.invalidParameter('Param fields must name at least one webhook field.');
      const failure = await context.verifyCallback(body.callback_url, body.verify_token);
      if (failure !== null) throw graphErrors.callbackVerificationFailed(failure);
      app.callbackUrl = body.callback_url;
      app.fields = fields;
      return ok({ success: true });
    }
    case 'DELETE':
      // The simulator keeps what the dashboard's quick start ticked (`messages`); which fields survive
      // a DELETE at Meta is not documented.
      app.callbackUrl = undefined;
      app.fields = undefined;
      return ok({ success: true });
    default:
      throw graphErrors.unsupportedMethod(request.method, `/${app.id}/subscriptions`);
  }
};

/** A comma list (pywa) or a JSON array (n8n), as Meta takes both. */
function fieldsOf(value: unknown): string[] | null {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const names = list.map((name) => (typeof name === 'string' ? name.trim() : '')).filter(Boolean);
  if (names.length === 0 || names.some((name) => !FIELD_NAME.test(name))) return null;
  return [...new Set(names)];
}
