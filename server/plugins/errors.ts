/**
 * One error handler: coded DomainErrors and validation errors become the API.md error format with
 * a Chinese message; anything else is logged and answered without internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../shared/errors.js';
import { messageFor } from '../../shared/messages.js';
import { StoreUnavailableError } from '../store/types.js';

export function sendError(reply: FastifyReply, code: ErrorCode, message?: string, field?: string) {
  const error: { code: ErrorCode; message: string; field?: string } = { code, message: message ?? messageFor(code) };
  if (field) error.field = field;
  return reply.status(ERROR_STATUS[code]).send({ error });
}

const FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  phone: '手机号',
  date: '日期',
  stationId: '服务站',
  sessionId: '参观场次',
  slotId: '咨询时段',
  partySize: '人数',
  category: '咨询类别',
  description: '问题描述',
  code: '核销码',
  title: '标题',
  body: '正文',
  question: '问题',
  hours: '营业时间',
  dailyQuota: '每日名额',
  capacity: '人数上限',
  startsAt: '开始时间',
  endsAt: '结束时间',
  service: '服务类型',
  username: '用户名',
  password: '密码',
};

function zodIssueMessage(field: string, message: string): string {
  const label = FIELD_NAMES[field.split('.').pop() ?? ''] ?? field;
  return label ? `${label}：${message}` : message;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) return sendError(reply, err.code, err.message, err.field);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0]!;
      const part = err.validationContext ?? 'body';
      const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const field = path || (issue.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') || part;
      return sendError(reply, 'BAD_REQUEST', zodIssueMessage(field, issue.message ?? '格式不正确'), field);
    }
    if (err instanceof StoreUnavailableError) {
      req.log.error({ err }, 'store unavailable');
      return sendError(reply, 'UNAVAILABLE', `${err.message}，请稍后再试`);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return sendError(reply, 'PAYLOAD_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // fastify's own 4xx (bad JSON, wrong content type, …): the client's fault, say so in Chinese
      const msg = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '请以 JSON 格式提交' : '请求格式不正确';
      return sendError(reply, 'BAD_REQUEST', msg, 'body');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, 'INTERNAL');
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 'NOT_FOUND', `没有这个地址：${req.method} ${req.url.split('?')[0]}`));
}
