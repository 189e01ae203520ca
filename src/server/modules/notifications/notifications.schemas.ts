import { Type, type Static } from 'typebox';
import { IsoDateTime, NullableIsoDateTime, PageQuery } from '../../http/schemas.ts';

/** A text in both languages: the web shows the user's. */
export const LocalizedText = Type.Object({ zh: Type.String(), en: Type.String() });

export const NotificationView = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String({ description: "what happened, e.g. 'policy.pushed', 'application.status'" }),
    params: Type.Record(Type.String(), Type.Unknown(), { description: 'values the web renders the message from, per kind' }),
    title: LocalizedText,
    body: LocalizedText,
    link: Type.Union([Type.String(), Type.Null()], { description: 'app path to open' }),
    enterpriseId: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: IsoDateTime,
    readAt: NullableIsoDateTime,
  },
  { $id: 'Notification' },
);
export type NotificationView = Static<typeof NotificationView>;

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'only unread notifications' })),
  ...PageQuery,
});

export const NotificationList = Type.Object({
  items: Type.Array(Type.Ref('Notification')),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  unreadCount: Type.Integer(),
});

export const ReadAllResult = Type.Object({ updated: Type.Integer(), unreadCount: Type.Integer() });

/**
 * A notification as a module sends it. Texts in both languages are required: the web renders from
 * `kind` + `params`; outbound channels (webhook → SMS, WeChat) send the rendered Chinese texts.
 */
export interface NotificationInput {
  /** Dotted lower-case name of what happened: 'policy.pushed', 'application.status', 'grant.auto' … */
  kind: string;
  params?: Record<string, unknown>;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  /** App path to open ('/policies/12'); never an absolute URL. */
  link?: string | null;
  /**
   * Names the event, e.g. `policy-push:12:enterprise:345`: a user is notified of one event once,
   * however often the producing job runs. Unique per user.
   */
  dedupeKey: string;
  /** The enterprise the notification is about (notifyEnterprise sets it). */
  enterpriseId?: number | null;
}
