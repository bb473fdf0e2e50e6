/** Service answers built from live API data: short, public data only, with the page to open. */
import { ApiUnreachableError, type ApiClient, type LegalSlot, type StudioSession } from './api.js';
import { stationWindow } from '../shared/booking/index.js';
import { LEGAL_MODE_LABELS } from '../shared/domain.js';
import { PAGES, shanghaiTime, type Reply } from './format.js';

export type ServiceName = 'meals' | 'studios' | 'legal' | 'notices' | 'help';

const MAX_LINES = 6;

/** Today's stations that still have places and have not closed yet (a closed one cannot be booked today). */
export async function mealsReply(api: ApiClient, now: Date = new Date()): Promise<Reply> {
  const { date, stations } = await api.mealStations();
  const stillOpen = (hours: string) => {
    try {
      return now < stationWindow(date, hours).closes;
    } catch {
      return false;
    }
  };
  const open = stations.filter((s) => s.remaining > 0 && stillOpen(s.hours)).sort((a, b) => b.remaining - a.remaining);
  const link = { title: '预约爱心餐', page: PAGES.meals };
  if (open.length === 0) {
    return { text: stations.length === 0 ? '目前还没有开放的爱心餐服务站。' : `今天（${date}）的爱心餐已约满或已打烊，可在小程序预约明天的。`, link };
  }
  const lines = open.slice(0, MAX_LINES).map((s) => `· ${s.name}（${s.district}）${s.hours}，剩 ${s.remaining} 份`);
  const more = open.length > MAX_LINES ? `\n……还有 ${open.length - MAX_LINES} 个站点有名额` : '';
  return { text: `今天（${date}）还有名额的爱心餐服务站：\n${lines.join('\n')}${more}\n在小程序里预约，凭核销码取餐。`, link };
}

export async function studiosReply(api: ApiClient, now: Date): Promise<Reply> {
  const studios = await api.studios();
  const upcoming: { studio: string; session: StudioSession }[] = [];
  // A handful of studios is enough for a chat reply; the page lists the rest.
  for (const studio of studios.slice(0, 8)) {
    for (const session of await api.sessions(studio.id)) {
      if (Date.parse(session.startsAt) > now.getTime()) upcoming.push({ studio: studio.name, session });
    }
  }
  upcoming.sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  const link = { title: '预约工作室参观', page: PAGES.studios };
  if (upcoming.length === 0) return { text: '近期没有可预约的劳模工匠创新工作室参观场次。', link };
  const lines = upcoming.slice(0, MAX_LINES).map(({ studio, session }) => {
    const places = session.remaining > 0 ? `剩 ${session.remaining} 位` : '已满，可候补';
    return `· ${shanghaiTime(session.startsAt)} ${studio}，${places}`;
  });
  return { text: `近期劳模工匠创新工作室参观场次：\n${lines.join('\n')}`, link };
}

export async function legalReply(api: ApiClient, now: Date): Promise<Reply> {
  const slots = (await api.legalSlots()).filter((s) => s.available && Date.parse(s.startsAt) > now.getTime());
  slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const link = { title: '预约法律咨询', page: PAGES.legal };
  if (slots.length === 0) return { text: '近期的律师咨询时段都已约满。可以先拨打职工服务热线 12351。', link };
  const lines = slots.slice(0, MAX_LINES).map((s) => `· ${shanghaiTime(s.startsAt)} ${LEGAL_MODE_LABELS[s.mode]}咨询`);
  return { text: `工会律师免费法律咨询，近期可约时段：\n${lines.join('\n')}\n也可以直接问我劳动维权问题。`, link };
}

export async function noticesReply(api: ApiClient): Promise<Reply> {
  const latest = (await api.notices()).slice(0, 3);
  const link = { title: '查看全部通知', page: PAGES.notices };
  if (latest.length === 0) return { text: '暂时没有通知。', link };
  const lines = latest.map((n) => `· ${shanghaiTime(n.createdAt).split(' ').slice(0, 2).join(' ')} ${n.title}`);
  return { text: `最新通知：\n${lines.join('\n')}`, link };
}

export function helpReply(name: string): Reply {
  return {
    text: [
      `我是${name}，可以帮你：`,
      '· 问维权：直接问，如「老板拖欠工资怎么办」',
      '· 爱心餐：今天哪里还有名额',
      '· 工作室：劳模工匠创新工作室参观场次',
      '· 法律咨询：预约工会律师',
      '· 通知：最新通知',
      '在群里请 @我 提问。',
    ].join('\n'),
    link: { title: '打开工友驿站', page: PAGES.home },
  };
}

/** A polite answer when the server is down; rights questions keep working without it. */
export function serviceErrorReply(err: unknown): Reply {
  if (err instanceof ApiUnreachableError) {
    return { text: '抱歉，暂时连不上工友驿站服务器，查不到实时信息。请稍后再试，或直接打开小程序查看。维权问题照样可以问我。' };
  }
  return { text: '抱歉，查询时出了点问题，请稍后再试，或直接打开小程序查看。' };
}

/** Which service a message asks for, if it is a service request rather than a question. */
export function detectService(text: string): ServiceName | null {
  const t = text.replace(/[\s，。！？!?,.、~～]+/g, '');
  if (t === '' || /^(帮助|help|菜单|功能|你好|您好|hi|hello|在吗|你能做什么|你会什么|怎么用)$/i.test(t)) return 'help';
  if (/爱心餐|免费午餐|爱心午餐|^(吃饭|午餐|盒饭)$/.test(t)) return 'meals';
  if (/工作室|劳模|工匠/.test(t) && t.length <= 16) return 'studios';
  if (/^(预约)?(法律咨询|律师咨询|找律师|咨询律师|预约律师|律师)$|^我(想|要)(找|预约|咨询)律师$|^(预约)?法律咨询/.test(t)) return 'legal';
  // 「通知」 also appears in questions (公司没通知就辞退我), so only the bare command counts.
  if (/^(最新|最近|查看|看看)?(的)?(通知|公告)(呢|吗)?$/.test(t)) return 'notices';
  return null;
}
