import QRCode from 'qrcode';
import { z } from 'zod';
import { AdminBookingsQuery, AuditQuery, ClosureCreate, Id, PagePath, Password, ReportQuery, Role, StaffAccountPatch, Text, Username } from '../../shared/schemas/index.js';
import { NAME_MAX } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import { guard, requireStaff } from '../plugins/auth.js';
import { h5Base, h5Link } from '../links.js';
import { auditLog, auditRead } from '../services/audit.js';
import { closeStation } from '../services/closures.js';
import { sendClosureMessages } from '../notifications/closures.js';
import { adminBookings, bookingReport, bookingsCsv, bookingsXlsx, reportCsv, reportXlsx } from '../services/export.js';
import { staffAccounts, updateStaffAccount, upsertStaff } from '../services/users.js';
import type { RouteDeps } from './types.js';

export function adminRoutes({ app, ctx }: RouteDeps) {
  app.get(
    '/api/admin/bookings',
    {
      preValidation: guard.staff(),
      schema: {
        tags: ['admin'],
        summary: '预约名单（JSON 分页、CSV 或 XLSX；q 为核销码或手机尾号 4 位；工作人员看到的手机号已打码；导出写入操作记录）',
        querystring: AdminBookingsQuery,
      },
    },
    async (req, reply) => {
      const viewer = requireStaff(req);
      const { format, ...q } = req.query;
      const result = await adminBookings(ctx, viewer, q);
      if (format === 'csv' || format === 'xlsx') {
        await auditRead(ctx, viewer, 'export', `bookings:${q.service ?? 'all'}:${q.date ?? `${q.from ?? ''}..${q.to ?? ''}`}`, { format, rows: result.bookings.length });
        return sendFile(reply, `bookings-${q.service ?? 'all'}-${q.date ?? 'all'}`, format, format === 'csv' ? bookingsCsv(result.bookings) : await bookingsXlsx(result.bookings));
      }
      return result;
    },
  );

  app.post(
    '/api/admin/meal-stations/:id/closures',
    {
      preValidation: guard.staff(),
      schema: { tags: ['admin'], summary: '某日暂停供餐：当天不再接受预约，已有预约取消并告知工友', params: z.object({ id: Id }), body: ClosureCreate },
    },
    async (req, reply) => {
      const { closure, cancelled } = await closeStation(ctx, requireStaff(req), req.params.id, req.body);
      // after the commit and not awaited: WeChat never holds up or fails a closure
      void sendClosureMessages(ctx, closure, cancelled, req.log).catch((err) => req.log.error({ err, closure: closure.id }, 'wechat closure messages failed'));
      return reply.status(201).send({ closure, cancelled: cancelled.length });
    },
  );

  app.get(
    '/api/admin/audit',
    { preValidation: guard.staff(['admin']), schema: { tags: ['admin'], summary: '操作记录（仅管理员）：核销、代取消、导出、查看咨询问题、账号与通知的改动', querystring: AuditQuery } },
    async (req) => auditLog(ctx, req.query),
  );

  app.get(
    '/api/admin/stats',
    {
      preValidation: guard.staff(),
      schema: { tags: ['admin'], summary: '每日统计：每天每个服务站、场次、时段的预约、核销、取消、候补与爽约数', querystring: ReportQuery },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const report = await bookingReport(ctx, q);
      if (format === 'csv' || format === 'xlsx') {
        await auditRead(ctx, requireStaff(req), 'export', `stats:${q.from}..${q.to}`, { format, rows: report.rows.length });
        return sendFile(reply, `stats-${q.from}-${q.to}`, format, format === 'csv' ? reportCsv(report.rows) : await reportXlsx(report.rows));
      }
      return report;
    },
  );

  app.post(
    '/api/admin/users',
    {
      preValidation: guard.staff(['admin']),
      schema: {
        tags: ['admin'],
        summary: '新建或修改工作人员账号（仅管理员）',
        body: z.object({ username: Username, password: Password, role: Role, name: Text(NAME_MAX).optional() }),
      },
    },
    async (req, reply) => {
      const user = await upsertStaff(ctx, req.body);
      await auditRead(ctx, requireStaff(req), 'user.create', `user:${user.id}`, { username: req.body.username, role: req.body.role });
      return reply.status(201).send({ user });
    },
  );

  app.get('/api/admin/users', { preValidation: guard.staff(['admin']), schema: { tags: ['admin'], summary: '工作人员账号（仅管理员；不含密码）' } }, async () => ({
    users: await staffAccounts(ctx),
  }));

  app.patch(
    '/api/admin/users/:id',
    {
      preValidation: guard.staff(['admin']),
      schema: {
        tags: ['admin'],
        summary: '修改工作人员账号：角色、密码、停用（改动后该账号的所有登录失效；最后一个可用管理员不能停用或降级）',
        params: z.object({ id: Id }),
        body: StaffAccountPatch,
      },
    },
    async (req) => {
      const user = await updateStaffAccount(ctx, req.params.id, req.body);
      // which fields changed, never the password itself
      const detail = { fields: Object.keys(req.body).sort().join(','), role: req.body.role ?? null, disabled: req.body.disabled ?? null };
      await auditRead(ctx, requireStaff(req), 'user.update', `user:${req.params.id}`, detail);
      return { user };
    },
  );

  app.get(
    '/api/qrcode',
    {
      preValidation: guard.staff(),
      schema: {
        tags: ['admin'],
        summary: '打开小程序某页的二维码 PNG（配置微信时为小程序码，否则为 H5 链接）',
        querystring: z.object({ page: PagePath, scene: z.string().max(32).regex(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~%]*$/, 'scene 最多 32 个可见字符').optional() }),
      },
    },
    async (req, reply) => {
      const page = req.query.page.replace(/^\//, '').split('?')[0]!;
      const scene = req.query.scene ?? '';
      let png: Buffer;
      if (ctx.wechat) {
        png = await ctx.wechat.getWxaCode(page, scene || 'home');
      } else {
        const query = [req.query.page.split('?')[1], scene].filter(Boolean).join('&');
        png = await QRCode.toBuffer(h5Link(h5Base(ctx, req.socket.localPort), page, query), { type: 'png', width: 480, margin: 2, errorCorrectionLevel: 'M' });
      }
      if (png.length === 0) throw new DomainError('UNAVAILABLE', '二维码生成失败');
      return reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300').send(png);
    },
  );
}

const FILE_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** A download: the name says what it holds (ASCII, so every browser and Taro.downloadFile keep it). */
function sendFile(reply: import('fastify').FastifyReply, name: string, format: keyof typeof FILE_TYPES, body: string | Buffer) {
  return reply.header('content-type', FILE_TYPES[format]).header('content-disposition', `attachment; filename="${name}.${format}"`).send(body);
}
