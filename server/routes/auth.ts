import { DevLoginBody, StaffLoginBody, UpdateMeBody, WechatLoginBody } from '../../shared/schemas/index.js';
import { DomainError } from '../../shared/errors.js';
import { normalizePhone } from '../../shared/contact.js';
import { requireUser } from '../plugins/auth.js';
import { eraseMe } from '../services/erasure.js';
import { devLogin, logout, publicUser, staffLogin, updateMe, wechatLogin } from '../services/users.js';
import type { RouteDeps } from './types.js';

export function authRoutes({ app, ctx }: RouteDeps) {
  app.get('/api/auth/config', { schema: { tags: ['auth'], summary: '可用的登录方式' } }, async () => ({
    devLogin: ctx.config.DEV_LOGIN,
    wechat: !!ctx.wechat,
  }));

  app.post('/api/auth/dev-login', { schema: { tags: ['auth'], summary: '开发登录（姓名+手机号）', body: DevLoginBody } }, async (req) => {
    if (!ctx.config.DEV_LOGIN) throw new DomainError('FORBIDDEN', '本服务器未开放开发登录');
    return devLogin(ctx, req.body.name, req.body.phone);
  });

  app.post('/api/auth/wechat', { schema: { tags: ['auth'], summary: '微信小程序登录（code2Session）', body: WechatLoginBody } }, async (req) => {
    return wechatLogin(ctx, req.body.code);
  });

  // 「微信手机号快捷填写」: the code of a getPhoneNumber button becomes the phone WeChat holds, to fill the
  // form with. Nothing is stored here: the member still saves or books with it like a typed number.
  app.post(
    '/api/auth/wechat-phone',
    { schema: { tags: ['auth'], summary: '微信手机号快捷填写：用 getPhoneNumber 的 code 换手机号（只用于填表）', body: WechatLoginBody } },
    async (req) => {
      requireUser(req);
      if (!ctx.wechat) throw new DomainError('UNAVAILABLE', '本服务器未配置微信，请直接输入手机号');
      const info = await ctx.wechat.getPhoneNumber(req.body.code);
      // the shared normaliser, so 「+86 138…」 or a number outside the mainland gets the form's own message
      const phone = normalizePhone(info.countryCode && info.countryCode !== '86' ? `+${info.countryCode}${info.purePhoneNumber}` : info.purePhoneNumber);
      if (!phone) throw new DomainError('BAD_REQUEST', '微信绑定的不是中国大陆手机号，请直接输入手机号', 'phone');
      return { phone };
    },
  );

  app.post('/api/auth/staff', { schema: { tags: ['auth'], summary: '工作人员登录', body: StaffLoginBody } }, async (req) => {
    return staffLogin(ctx, req.body.username, req.body.password);
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录（结束本次会话）' } }, async (req, reply) => {
    requireUser(req);
    await logout(ctx, req.token!);
    return reply.status(204).send();
  });

  app.get('/api/me', { schema: { tags: ['me'], summary: '我的资料' } }, async (req) => publicUser(requireUser(req)));

  app.patch('/api/me', { schema: { tags: ['me'], summary: '修改姓名、手机号', body: UpdateMeBody } }, async (req) => {
    const u = requireUser(req);
    return updateMe(ctx, u.id, req.body);
  });

  app.delete('/api/me', { schema: { tags: ['me'], summary: '删除我的个人信息' } }, async (req, reply) => {
    const u = requireUser(req);
    await eraseMe(ctx, u.id);
    return reply.status(204).send();
  });
}
