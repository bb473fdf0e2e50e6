/**
 * Demo data for `npm start`: believable stations, studios, sessions over the next two weeks and
 * lawyer slots. Only loaded into an empty store. The people are invented; their titles are real kinds.
 */
import { addDays, atLocalTime, businessDate } from '../../shared/calendar/index.js';
import { createEntity } from '../services/catalogue.js';
import type { ServiceContext } from '../services/context.js';
import { publishNotice } from '../services/notices.js';
import { upsertStaff } from '../services/users.js';

const STATIONS = [
  { name: '武林广场户外劳动者服务站', address: '杭州市拱墅区武林广场 1 号地铁 C 口旁', district: '拱墅区', hours: '10:30-20:00', dailyQuota: 40, phone: '0571-85100001', notes: '可充电、饮水、微波炉加热' },
  { name: '湖滨街道爱心食堂', address: '杭州市上城区东坡路 12 号', district: '上城区', hours: '11:00-19:30', dailyQuota: 30, phone: '0571-85100002' },
  { name: '钱江新城骑手驿站', address: '杭州市上城区富春路 168 号地下一层', district: '上城区', hours: '10:00-21:00', dailyQuota: 50, notes: '外卖、快递小哥优先' },
  { name: '滨江物联网街爱心餐点', address: '杭州市滨江区物联网街 451 号', district: '滨江区', hours: '11:00-20:00', dailyQuota: 25 },
  { name: '西湖区文三路职工之家', address: '杭州市西湖区文三路 259 号', district: '西湖区', hours: '10:30-19:00', dailyQuota: 35, phone: '0571-85100005' },
  { name: '萧山经济开发区工会驿站', address: '杭州市萧山区建设一路 66 号', district: '萧山区', hours: '10:00-20:30', dailyQuota: 45, notes: '货车司机可停车休息' },
];

const STUDIOS = [
  { name: '陈建国数控加工劳模创新工作室', leader: '陈建国', leaderTitle: '全国劳动模范', company: '杭州精工机床有限公司', field: '数控加工', address: '杭州市萧山区鸿达路 88 号', description: '专注五轴数控加工与刀具优化，累计完成技术革新 60 余项，年培训青年技工 200 余人次。' },
  { name: '林秀梅电力检修工匠工作室', leader: '林秀梅', leaderTitle: '浙江工匠', company: '国网杭州供电公司', field: '电力检修', address: '杭州市上城区解放东路 59 号', description: '带电作业与配网抢修技能传承，开放参观带电作业实训场。' },
  { name: '王志强焊接技能大师工作室', leader: '王志强', leaderTitle: '浙江省劳动模范', company: '浙江东海重工集团', field: '特种焊接', address: '杭州市余杭区临平大道 1001 号', description: '压力容器与特种材料焊接，承担省级焊工技能竞赛集训。' },
  { name: '赵丽新能源电池工匠创新工作室', leader: '赵丽', leaderTitle: '杭州工匠', company: '杭州储能科技股份有限公司', field: '新能源电池', address: '杭州市钱塘区 12 号大街 300 号', description: '电芯生产工艺改进与安全检测，展示一线职工的“金点子”成果。' },
];

const LAWYERS = [
  { lawyer: '周律师（市总工会法律援助中心）', location: '杭州市上城区庆春路 200 号 3 楼', mode: 'onsite' as const },
  { lawyer: '吴律师（职工法律服务团）', mode: 'phone' as const },
  { lawyer: '郑律师（12351 职工服务热线）', mode: 'video' as const },
];

/** Loads demo data when the store has no stations; returns whether it did. */
export async function seedDemo(ctx: ServiceContext): Promise<boolean> {
  const empty = await ctx.store.read(async (tx) => (await tx.list('stations')).length === 0 && (await tx.list('studios')).length === 0);
  if (!empty) return false;
  const today = businessDate(ctx.now());
  for (const s of STATIONS) await createEntity(ctx, 'stations', s);
  for (const [i, s] of STUDIOS.entries()) {
    const studio = await createEntity(ctx, 'studios', s);
    for (let d = 1 + (i % 2); d <= 14; d += 3) {
      const date = addDays(today, d);
      await createEntity(ctx, 'sessions', {
        studioId: studio.id,
        startsAt: atLocalTime(date, i % 2 ? '14:00' : '09:30').toISOString().replace('Z', '+00:00'),
        endsAt: atLocalTime(date, i % 2 ? '16:00' : '11:30').toISOString().replace('Z', '+00:00'),
        capacity: [12, 20, 8, 15][i]!,
      });
    }
  }
  for (let d = 1; d <= 14; d += 1) {
    const date = addDays(today, d);
    const l = LAWYERS[d % LAWYERS.length]!;
    for (const t of ['09:00', '10:00', '14:30']) {
      const start = atLocalTime(date, t);
      await createEntity(ctx, 'slots', {
        ...l,
        startsAt: start.toISOString().replace('Z', '+00:00'),
        endsAt: new Date(start.getTime() + 45 * 60_000).toISOString().replace('Z', '+00:00'),
      });
    }
  }
  const staff = await upsertStaff(ctx, { username: 'demo-staff', password: 'demo-staff-2026', role: 'staff', name: '演示工作人员' });
  const author = (await ctx.store.read((tx) => tx.get('users', staff.id)))!;
  await publishNotice(ctx, author, { title: '冬季爱心餐开放预约', body: '各户外劳动者服务站 10 元爱心餐开放预约，每天每人限 1 份，可提前 3 天预约。到站出示核销码即可用餐。', link: 'pages/meals/index' });
  await publishNotice(ctx, author, { title: '职工法律服务周', body: '本周工会律师提供免费法律咨询，涉及劳动合同、工资、工伤、社保等问题，可在小程序预约。', link: 'pages/legal/index' });
  return true;
}
