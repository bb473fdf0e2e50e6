import { z } from 'zod';
import {
  BusinessDate,
  DateOrInstant,
  Id,
  LegalSlotCreate,
  LegalSlotUpdate,
  MealStationCreate,
  MealStationUpdate,
  StudioCreate,
  StudioSessionCreate,
  StudioSessionUpdate,
  StudioUpdate,
} from '../../shared/schemas/index.js';
import { STAFF_ROLES } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { Role } from '../../shared/schemas/index.js';
import { guard, requireStaff } from '../plugins/auth.js';
import { createEntity, deleteEntity, sessionsOf, slotsBetween, stationsFor, updateEntity, type CatalogueKind } from '../services/catalogue.js';
import type { RouteDeps } from './types.js';

const IdParams = z.object({ id: Id });

export function catalogueRoutes({ app, ctx }: RouteDeps) {
  app.get('/api/meal-stations', { schema: { tags: ['meals'], summary: '爱心餐服务站及某日剩余名额', querystring: z.object({ date: BusinessDate.optional() }) } }, async (req) =>
    stationsFor(ctx, req.query.date),
  );
  app.get('/api/meal-stations/:id', { schema: { tags: ['meals'], summary: '一个服务站', params: IdParams, querystring: z.object({ date: BusinessDate.optional() }) } }, async (req) => {
    const { date, stations } = await stationsFor(ctx, req.query.date);
    const station = stations.find((s) => s.id === req.params.id);
    if (!station) throw new DomainError('NOT_FOUND', '找不到这个服务站');
    return { date, station };
  });
  app.get('/api/studios', { schema: { tags: ['studios'], summary: '劳模工匠创新工作室' } }, async () => ({
    studios: (await ctx.store.read((tx) => tx.list('studios'))).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }));
  app.get('/api/studios/:id', { schema: { tags: ['studios'], summary: '一个工作室', params: IdParams } }, async (req) => {
    const studio = await ctx.store.read((tx) => tx.get('studios', req.params.id));
    if (!studio) throw new DomainError('NOT_FOUND', '找不到这个工作室');
    return { studio };
  });
  app.get('/api/studios/:id/sessions', { schema: { tags: ['studios'], summary: '工作室的参观场次（剩余名额、候补人数）', params: IdParams } }, async (req) => ({
    sessions: await sessionsOf(ctx, req.params.id),
  }));
  app.get(
    '/api/legal/slots',
    { schema: { tags: ['legal'], summary: '法律咨询时段（不含预约人信息）', querystring: z.object({ from: DateOrInstant.optional(), to: DateOrInstant.optional() }) } },
    async (req) => ({ slots: await slotsBetween(ctx, req.query.from, req.query.to) }),
  );

  const kinds: { path: string; kind: CatalogueKind; create: z.ZodType; update: z.ZodType; roles?: readonly Role[]; label: string }[] = [
    { path: 'meal-stations', kind: 'stations', create: MealStationCreate, update: MealStationUpdate, label: '服务站' },
    { path: 'studios', kind: 'studios', create: StudioCreate, update: StudioUpdate, label: '工作室' },
    { path: 'sessions', kind: 'sessions', create: StudioSessionCreate, update: StudioSessionUpdate, label: '参观场次' },
    { path: 'legal-slots', kind: 'slots', create: LegalSlotCreate, update: LegalSlotUpdate, label: '咨询时段', roles: STAFF_ROLES },
  ];
  for (const k of kinds) {
    const roles = k.roles ?? ['staff', 'admin'];
    app.post(`/api/admin/${k.path}`, { preValidation: guard.staff(roles), schema: { tags: ['admin'], summary: `新建${k.label}`, body: k.create } }, async (req, reply) => {
      requireStaff(req, roles);
      return reply.status(201).send(await createEntity(ctx, k.kind, req.body as Record<string, unknown>));
    });
    app.patch(`/api/admin/${k.path}/:id`, { preValidation: guard.staff(roles), schema: { tags: ['admin'], summary: `修改${k.label}`, params: IdParams, body: k.update } }, async (req) => {
      requireStaff(req, roles);
      return updateEntity(ctx, k.kind, req.params.id, req.body as Record<string, unknown>);
    });
    app.delete(`/api/admin/${k.path}/:id`, { preValidation: guard.staff(roles), schema: { tags: ['admin'], summary: `删除${k.label}（已有预约会被取消）`, params: IdParams } }, async (req) => {
      requireStaff(req, roles);
      return deleteEntity(ctx, k.kind, req.params.id);
    });
  }
}
