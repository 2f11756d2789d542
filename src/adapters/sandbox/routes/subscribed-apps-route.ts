import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { MANAGEMENT_SCOPE } from '../sandbox-state';
import { validateOverride } from './callback-override';
import { ok, type RouteHandler } from './route-context';

/**
 * `GET|POST|DELETE /<WABA_ID>/subscribed_apps` (docs/whatsapp-cloud-api.md §2.2, §2.3). A POST with no body
 * subscribes the calling app and clears its WABA override; a POST with `override_callback_uri` +
 * `verify_token` sets the override, which requires an existing subscription.
 */
export const subscribedAppsRoute: RouteHandler = async (request, context) => {
  const [id, edge, ...rest] = request.segments;
  if (edge !== 'subscribed_apps' || rest.length > 0) return undefined;
  const waba = context.state.wabas.get(id!);
  if (!waba) return undefined;
  authorizeWaba(request.principal, waba.id, MANAGEMENT_SCOPE);
  const app = request.principal.app;

  switch (request.method) {
    case 'GET':
      return ok({
        data: [...waba.subscriptions].map(([appId, subscription]) => {
          const subscribed = context.state.apps.get(appId)!;
          return {
            whatsapp_business_api_data: {
              id: subscribed.id,
              link: `https://www.facebook.com/games/?app_id=${subscribed.id}`,
              name: subscribed.name,
            },
            ...(subscription.overrideUri ? { override_callback_uri: subscription.overrideUri } : {}),
          };
        }),
      });
    case 'DELETE':
      waba.subscriptions.delete(app.id);
      return ok({ success: true });
    case 'POST': {
      const body = request.body ?? {};
      const hasOverride = body.override_callback_uri !== undefined || body.verify_token !== undefined;
      if (!hasOverride) {
        waba.subscriptions.set(app.id, {});
        return ok({ success: true });
      }
      const subscription = waba.subscriptions.get(app.id);
      if (!subscription) throw graphErrors.overrideBeforeSubscribe();
      subscription.overrideUri = await validateOverride(context, body.override_callback_uri, body.verify_token, (f) => f);
      return ok({ success: true });
    }
    // Any HTTP method can arrive: Graph answers the others with its own error, and so does the sandbox.
    default:
      throw graphErrors.unsupportedMethod(request.method, `/${waba.id}/subscribed_apps`);
  }
};
