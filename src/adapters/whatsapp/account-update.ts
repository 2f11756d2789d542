import { z } from 'zod';

/**
 * `account_update` (docs/whatsapp-cloud-api.md, "account_update"): one event per change of the
 * business account. Only `event` is required; each event's details are read where present, and an
 * event this code does not know passes through to be recorded as it came.
 */
export const AccountUpdateSchema = z.looseObject({
  event: z.string().min(1),
  ban_info: z.looseObject({ waba_ban_state: z.string().optional(), waba_ban_date: z.string().optional() }).optional(),
  violation_info: z.looseObject({ violation_type: z.string().optional() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.union([z.number(), z.string()]).optional() }))
    .optional(),
  disconnection_info: z.looseObject({ reason: z.string().optional(), initiated_by: z.string().optional() }).optional(),
  phone_number: z.union([z.string(), z.number()]).transform(String).optional(),
});

/**
 * `user_preferences`: customers who stopped or resumed marketing messages from the business, with the
 * number in `metadata` as in `messages`. `timestamp` is a number here. Values other than stop and
 * resume (a signup, say) are kept by the schema and ignored by the plan.
 */
export const UserPreferencesValueSchema = z.looseObject({
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  user_preferences: z.array(
    z.looseObject({
      wa_id: z.string().min(1),
      category: z.string(),
      value: z.string(),
      timestamp: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
    }),
  ),
});

/**
 * `smb_message_echoes`: messages the business sent from the WhatsApp Business app (or a linked device)
 * on a number it shares with the Cloud API. Each echo is shaped like a sent message: `from` is the
 * business number, `to` the customer (or `to_user_id`), with the object named by `type`.
 */
export const OwnerEchoesValueSchema = z.looseObject({
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
  message_echoes: z.array(
    z.looseObject({
      from: z.string().optional(),
      to: z.string().optional(),
      to_user_id: z.string().optional(),
      id: z.string().min(1),
      timestamp: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number),
      type: z.string().min(1),
    }).refine((echo) => echo.to !== undefined || echo.to_user_id !== undefined, 'to or to_user_id'),
  ),
});

/**
 * `calls`: `calls[]` of a number's voice calls, one element per event (`connect`, `terminate`), with
 * `from`, `to`, `direction` and, on terminate, `status`, `start_time`, `end_time` and `duration`. Call
 * control (SDP and the like) is kept in the schema's pass-through and not used.
 */
export const CallsValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string() }),
  calls: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        from: z.string().optional(),
        to: z.string().optional(),
        event: z.string().min(1),
        timestamp: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number),
        direction: z.string().optional(),
        status: z.string().optional(),
        start_time: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number).optional(),
        end_time: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number).optional(),
        duration: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number).optional(),
      }),
    )
    .default([]),
});
