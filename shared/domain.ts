/**
 * The closed lists, labels and limits that the server, the bot and the mini-program all check or
 * show: one home, no imports (no zod, no dayjs), so every client bundles this file instead of a copy.
 * The zod schemas in shared/schemas are built from these lists; test/unit/one-home.test.ts fails when
 * a client spells one out again.
 */

export const SERVICES = ['meal', 'studio', 'legal'] as const;
export type ServiceKind = (typeof SERVICES)[number];
export const SERVICE_LABELS: Record<ServiceKind, string> = { meal: '10元爱心餐', studio: '工作室参观', legal: '法律咨询' };

export const BOOKING_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type BookingStatusKind = (typeof BOOKING_STATUSES)[number];
export const STATUS_LABELS: Record<BookingStatusKind, string> = { confirmed: '已预约', waitlisted: '候补中', cancelled: '已取消' };

export const ROLES = ['member', 'staff', 'legal', 'admin'] as const;
export type RoleKind = (typeof ROLES)[number];
export const STAFF_ROLES: readonly RoleKind[] = ['staff', 'legal', 'admin'];

/** Union staff of any role (members and anonymous callers are not). */
export function isStaff(u: { role: RoleKind } | null | undefined): boolean {
  return !!u && STAFF_ROLES.includes(u.role);
}

export const LEGAL_CATEGORIES = ['劳动合同', '工资报酬', '工伤', '社会保险', '解除劳动合同', '其他'] as const;
export type LegalCategoryKind = (typeof LEGAL_CATEGORIES)[number];

export const LEGAL_MODES = ['onsite', 'phone', 'video'] as const;
export type LegalModeKind = (typeof LEGAL_MODES)[number];
export const LEGAL_MODE_LABELS: Record<LegalModeKind, string> = { onsite: '现场', phone: '电话', video: '视频' };

/** People in one studio visit sign-up. */
export const PARTY_SIZE = { min: 1, max: 5 } as const;

/** How many days after today a meal can be booked unless MEAL_DAYS_AHEAD says otherwise. */
export const MEAL_DAYS_AHEAD_DEFAULT = 3;

/** Longest name a person can give (users.name: the store refuses longer ones when it loads). */
export const NAME_MAX = 40;

/**
 * A staff username: it becomes the account's name when none is given, so it fits NAME_MAX.
 * Accounts made before this limit may have up to USERNAME_STORED_MAX characters (they still log in).
 */
export const USERNAME = { min: 2, max: NAME_MAX, pattern: /^[A-Za-z0-9_.-]+$/ } as const;
export const USERNAME_STORED_MAX = 64;

/** Shortest password a staff account can be given (API and STAFF_PASSWORD). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Shortest BOT_TOKEN the server accepts (a secret that publishes notices). */
export const BOT_TOKEN_MIN = 32;

/**
 * Staff login backoff per username: this many failures are free, then each further one doubles the
 * wait (1 s, 2 s, 4 s …) up to `maxSeconds`; a success clears it.
 */
export const LOGIN_BACKOFF = { freeFailures: 5, maxSeconds: 15 * 60 } as const;

/** Longest legal question a member can type. */
export const LEGAL_DESCRIPTION_MAX = 500;
/**
 * A legal question is deleted this many days after its appointment (server: LEGAL_RETENTION_DAYS,
 * 1 to LEGAL_RETENTION_DAYS_MAX); the privacy notice shows the server's number, this one until it is known.
 */
export const LEGAL_RETENTION_DAYS_DEFAULT = 180;
export const LEGAL_RETENTION_DAYS_MAX = 3650;
/** What a deleted legal question reads as (the member's erasure, the retention purge). */
export const DESCRIPTION_DELETED = '（已删除）';

/**
 * Unused subscribe-message opt-ins kept per member and template: each allows one message, and a
 * member has only so many upcoming bookings and notices to be told of; more taps store nothing.
 */
export const OPTINS_UNUSED_MAX = 5;

/**
 * A second scan of a code already checked in, by the same staff member within this many ms, answers
 * with the earlier success (a double tap, a shaky camera) instead of ALREADY_CHECKED_IN.
 */
export const CHECKIN_REPEAT_MS = 60_000;
/** A check-in can be undone by whoever made it (or an admin) this long after. */
export const CHECKIN_UNDO_MS = 5 * 60_000;

/** What staff read when a new or moved session or lawyer slot would start in the past (server and staff form). */
export const PAST_START_MESSAGE = '这个时间已经过去了，请选择以后的日期和时间';

/** Longest reason staff give for cancelling on a worker's behalf or closing a station for a day. */
export const REASON_MAX = 100;

/** How a consultation ended, marked by the lawyer; the note is theirs alone. */
export const CONSULTATION_OUTCOMES = ['done', 'no_show'] as const;
export type ConsultationOutcomeKind = (typeof CONSULTATION_OUTCOMES)[number];
export const CONSULTATION_OUTCOME_LABELS: Record<ConsultationOutcomeKind, string> = { done: '已完成', no_show: '未到场' };
export const CONSULTATION_NOTE_MAX = 500;
/** The lawyer's desk shows consultations this many days ahead by default. */
export const CONSULTATION_DAYS_AHEAD = 60;

/** What the audit log records (never the text of a legal description or a lawyer's note). */
export const AUDIT_ACTIONS = [
  'checkin',
  'checkin.undo',
  'booking.cancel',
  'export',
  'legal.read',
  'legal.outcome',
  'user.create',
  'user.update',
  'notice.publish',
  'notice.edit',
  'notice.withdraw',
  'station.close',
  'legal.purge',
] as const;
export type AuditActionKind = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditActionKind, string> = {
  checkin: '核销',
  'checkin.undo': '撤销核销',
  'booking.cancel': '代为取消预约',
  export: '导出名单',
  'legal.read': '查看咨询问题',
  'legal.outcome': '记录咨询结果',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'notice.publish': '发布通知',
  'notice.edit': '修改通知',
  'notice.withdraw': '撤回通知',
  'station.close': '服务站停餐',
  'legal.purge': '到期删除咨询问题',
};
/** Longest page of the audit log. */
export const AUDIT_PAGE_MAX = 500;

/** Pages a notice can link to (the staff link chooser), with how a worker would name them. */
export const NOTICE_LINKS = [
  { page: 'pages/meals/index', label: '爱心餐预约' },
  { page: 'pages/studios/index', label: '工作室参观' },
  { page: 'pages/legal/index', label: '法律咨询' },
  { page: 'pages/ask/index', label: '维权问答' },
  { page: 'pages/notices/index', label: '通知' },
  { page: 'pages/mine/index', label: '我的' },
] as const;

/** Hotlines the app tells people to call (工会服务热线 12351, 人社 12333): tap to call wherever they appear. */
export const HOTLINES = ['12351', '12333'] as const;

/** The 2024 opinion the rights answers cite as 「意见」, by its full title. */
export const OPINION_TITLE = '中共中央 国务院关于深化产业工人队伍建设改革的意见';
