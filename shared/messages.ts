import type { ErrorCode } from './errors.js';

/** Default Chinese sentence for every error code, written for a worker reading it on a phone. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: '填写的信息有误，请检查后再试',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到这条信息，可能已被删除',
  UNKNOWN_CODE: '核销码无效，请核对后重新输入',
  QUOTA_FULL: '名额已满，请换个日期或地点试试',
  DUPLICATE: '您已经预约过了，不能重复预约',
  CLOSED: '已过预约或取消的截止时间',
  ALREADY_CHECKED_IN: '该预约已经核销过了',
  WRONG_DATE: '不是该预约的使用日期，不能核销',
  WRONG_STATION: '该预约不是本服务站的，不能核销',
  CANCELLED: '该预约已取消，不能核销',
  WAITLISTED: '该预约还在候补中，不能核销',
  PAYLOAD_TOO_LARGE: '提交的内容太长了',
  IDEMPOTENCY_MISMATCH: '这个请求编号已用于另一项操作，请刷新后重新提交',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务器开小差了，请稍后再试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
};

export function messageFor(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL;
}
