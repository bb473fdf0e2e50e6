// Figures worked out from what a question states: right or silent. A tenure comes only from an explicit
// duration (「干了3年」) or a start and an end date, never from a lone date; nothing is computed for
// workers past retirement age or for work that is not employment. Each line says what it assumed.
import type { Calculator } from './schema.js';

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN = '[零〇一二两三四五六七八九十百千万]';
const NUM = `(?:\\d+(?:\\.\\d+)?|${CN}+)`;

/** 「3」「十二」「两」「一万二」「五千五」「1.2万」 → number, or null. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const w = /^(\d+(?:\.\d+)?)([千万])$/.exec(s);
  if (w) return Number(w[1]) * (w[2] === '万' ? 10000 : 1000);
  if (!new RegExp(`^${CN}+$`).test(s)) return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch];
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : ch === '万' ? 10000 : 0;
    if (unit === 10000) {
      section += digit > 0 ? digit : 0;
      total += (section || 1) * 10000;
      section = 0;
      digit = -1;
      lastUnit = 10000;
      continue;
    }
    section += (digit < 0 ? (unit === 10 ? 1 : 0) : digit) * unit;
    digit = -1;
    lastUnit = unit;
  }
  // 「五千五」 is 5,500 and 「一万二」 12,000: a trailing digit counts in the next unit down
  if (digit >= 0) section += lastUnit >= 10 ? (digit * lastUnit) / 10 : digit;
  return total + section;
}

interface Tenure {
  months: number;
  said: string;
}

const WORK_VERB = '(?:干了|做了|工作了|上了|待了|呆了|干|做|上班|工作|工龄|在这(?:里)?(?:干|做)?了?|入职|来了|进厂)';

function clean(q: string): string {
  // a space in chat separates like a comma (「月工资6000 2025年6月」 is not 60002025)
  return q.normalize('NFKC').trim().replace(/\s+/g, '，').replace(/，|,/g, '，');
}

/** An explicit duration after a work verb: 「干了3年」「做了两年零三个月」「工龄5年」「干了8个月」「一年半」. */
function explicitDuration(q: string): Tenure | null {
  const re = new RegExp(`${WORK_VERB}(?:快|了|有|整整|整|满|共)?(${NUM})年(?:零|又)?(?:(${NUM})个?月|(半))?(?!\\d)`, 'g');
  for (const m of q.matchAll(re)) {
    const after = q.slice(m.index! + m[0].length);
    if (/^(多|左右)/.test(after) || /快|不到|将近|差不多/.test(m[0])) return null;
    const years = parseNumber(m[1]);
    const months = m[3] ? 6 : m[2] ? parseNumber(m[2]) : 0;
    if (years === null || months === null || years > 50 || months > 11) return null;
    return { months: years * 12 + months, said: `${m[1]}年${m[3] ? '半' : m[2] ? `${m[2]}个月` : ''}` };
  }
  const mo = new RegExp(`${WORK_VERB}(?:快|了|有|整整|整|满|共)?(${NUM})个月(?!\\d)`).exec(q);
  if (mo) {
    const after = q.slice(mo.index + mo[0].length);
    if (/^(多|左右)/.test(after) || /快|不到|将近|差不多/.test(mo[0])) return null;
    const months = parseNumber(mo[1]);
    if (months === null || months > 600) return null;
    return { months, said: `${mo[1]}个月` };
  }
  return null;
}

interface Ym {
  y: number;
  m: number;
  /** The day, when the question gives one: a tenure from 3月1日 to 12月31日 is 10 full months. */
  d?: number;
}

/** 「2021年3月」「2021年3月1日」「2021.3」「21年3月」「去年3月」「今年5月」, relative ones against `today`. */
function parseYm(text: string, today: Ym | null): Ym | null {
  let m = /^(\d{4})[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2})[日号]?)?/.exec(text);
  if (m) return valid({ y: Number(m[1]), m: Number(m[2]), ...(m[3] ? { d: Number(m[3]) } : {}) });
  m = /^(\d{2})年(\d{1,2})月/.exec(text);
  if (m) return valid({ y: 2000 + Number(m[1]), m: Number(m[2]) });
  m = new RegExp(`^(今年|去年|前年)(${NUM})月(?:(\\d{1,2})[日号])?`).exec(text);
  if (m && today) {
    const month = parseNumber(m[2]);
    return month === null ? null : valid({ y: today.y - (m[1] === '去年' ? 1 : m[1] === '前年' ? 2 : 0), m: month, ...(m[3] ? { d: Number(m[3]) } : {}) });
  }
  return null;
}

function valid(ym: Ym): Ym | null {
  return ym.m >= 1 && ym.m <= 12 && ym.y >= 1970 && ym.y <= 2100 && (ym.d === undefined || (ym.d >= 1 && ym.d <= 31)) ? ym : null;
}

const DATE_AT = /(\d{4}[年.\-/]\d{1,2}(?:[月.\-/]\d{1,2}[日号]?)?|\d{2}年\d{1,2}月|(?:今年|去年|前年)[\d一二三四五六七八九十]{1,3}月(?:\d{1,2}[日号])?|(?<![\d年])\d{1,2}月\d{1,2}[日号])/g;
const START_WORDS = /^[^，。]{0,8}?(入职|进厂|进的|进了|进公司|开始上班|开始干|(?<!原)来的|来到|上班|签的合同|开始做|到一家|到这家|到现在这家|到厂里|到公司|到我们)/;
const END_WORDS = /^[^。]{0,24}?(最后一天|走人|就走了|就不干了|被叫走|叫我走|让我走人|不用来了|不要我了|离职|辞职|辞工|被辞退|辞退|开除|被开|开了我|把我开了|解除|走的|不干了|合同到期|到期|裁员|被裁|让我走|倒闭|停工)/;
const ENDED_HERE = /^[^，。]{0,10}?(辞退|离职|辞职|辞工|开除|解除|被裁|裁员|不干了)/;
/** The story ends the job somewhere: then its last date after the start is taken as the end, and said. */
const JOB_ENDS = /(就走了|不用来了|不要我了|离职|辞职|辞工|辞退|开除|开了|解除|裁员|被裁|不干了|让我走|倒闭|合同到期)/;
const UNTIL_NOW = /(到现在|至今|到今天|一直干到现在|干到现在|到目前)/;

/** Whole months from start to end; with both days known, the end day counts (3月1日–12月31日 = 10). */
function monthsBetween(start: Ym, end: Ym): number {
  const months = (end.y - start.y) * 12 + (end.m - start.m);
  if (start.d === undefined || end.d === undefined) return months;
  const next = new Date(Date.UTC(end.y, end.m - 1, end.d + 1));
  const full = (next.getUTCFullYear() - start.y) * 12 + (next.getUTCMonth() + 1 - start.m) - (next.getUTCDate() < start.d ? 1 : 0);
  return Math.max(0, full);
}

/**
 * A start and an end date: 「2021年3月入职……2024年10月被辞退」, a start and 「到现在」 with today known,
 * or a start and the story's last date when the story ends the job (「……2025年1月，我想辞职」).
 */
/**
 * The year of a month and day said without one, after a dated start: this year once the story has said
 * 「今年」 (「今年11月底……12月15号最后一天」), else the start's year, or the next when it falls before the start.
 */
function bareYear(b: RegExpExecArray, start: Ym, thisYear: Ym | null): number {
  if (thisYear) return thisYear.y;
  return start.y + (Number(b[1]) * 100 + Number(b[2]) < start.m * 100 + (start.d ?? 1) ? 1 : 0);
}

function datedTenure(q: string, today: Ym | null): Tenure | null {
  let start: Ym | null = null;
  let end: Ym | null = null;
  let endText = '';
  let last: Ym | null = null;
  for (const m of q.matchAll(DATE_AT)) {
    // 「2025年3月1号进的厂……9月30号辞工」: a month and day without a year follow the start
    const bare = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(m[0]);
    const ym: Ym | null = bare ? start && valid({ y: bareYear(bare, start, today && /今年/.test(q.slice(0, m.index)) ? today : null), m: Number(bare[1]), d: Number(bare[2]) }) : parseYm(m[0], today);
    if (!ym) continue;
    const after = q.slice(m.index! + m[0].length);
    const before = q.slice(Math.max(0, m.index! - 6), m.index);
    // 「2023年5月10日被原来的公司辞退了」 is an end, never a start
    if (!start && START_WORDS.test(after) && !ENDED_HERE.test(after)) start = ym;
    else if (start && !end && /最后一天(?:是|为)?$/.test(before)) {
      end = ym;
      endText = m[0];
    } else if (start && !end && /(?:现在|今天|目前)(?:是|已经是)?$/.test(before)) {
      end = ym;
      endText = '到现在';
    }
    else if (start && !end && END_WORDS.test(after)) {
      end = ym;
      endText = m[0];
    } else if (start) last = ym;
  }
  if (!start) return null;
  if (!end && today && UNTIL_NOW.test(q)) {
    end = today;
    endText = '到现在';
  }
  if (!end && last && JOB_ENDS.test(q) && (last.y - start.y) * 12 + (last.m - start.m) > 0) end = last;
  if (!end) return null;
  const months = monthsBetween(start, end);
  if (months < 0 || months > 600) return null;
  const ymText = (v: Ym) => `${v.y}年${v.m}月${v.d ? `${v.d}日` : ''}`;
  return { months, said: `${ymText(start)}入职、${endText === '到现在' ? '干到现在' : `${ymText(end)}离开`}，约${describeMonths(months)}` };
}

function describeMonths(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return y === 0 ? `${m}个月` : m === 0 ? `${y}年` : `${y}年${m}个月`;
}

/** 劳动合同法第四十七条: a month per full year; six months or more count a year, less than six a half. */
export function severanceMonths(months: number): number {
  const y = Math.floor(months / 12);
  const r = months % 12;
  return y + (r >= 6 ? 1 : r > 0 ? 0.5 : 0);
}

const fmtMonths = (n: number) => (n === 0.5 ? '半个月' : Number.isInteger(n) ? `${n}个月` : `${Math.floor(n)}个半月`);
const yuan = (n: number) => `${Math.round(n)}元`;
const rate = (n: number) => `${Number(n.toFixed(2))}元`;

// A few words may sit between 月薪 and the figure: 「月薪固定5000元」「月工资一直是4500元」
const WAGE_FILLER = '(?:固定|一直|都|基本|税前|税后|到手|大概|约|差不多|就|只有|一般|平均|基数|标准)*';
const WAGE = new RegExp(`(?:月薪|月均工资|平均月工资|月平均工资|平均工资|月均|月工资|工资|底薪|每月|一个月|一月|月入|月收入|到手)(?:一个月|每个月|每月)?${WAGE_FILLER}(?:是|有|才|拿|为|只发|发|给)?(\\d+(?:\\.\\d+)?[千万]|${NUM})(块|元|k)?`, 'i');

// 「平均工资和上个月工资都是5500元」: the figure a few words after 工资
const WAGE_LATER = new RegExp(`(?:月薪|工资)[^，。\\d]{0,10}?(?:都是|是|为|有)(\\d+(?:\\.\\d+)?[千万]?)(块|元)`);

// Figures that are not the worker's own pay: the minimum wage, the local average wage, 转正后 pay in a probation story
const MIN_WAGE_SAID = /最低工资(?:标准)?(?:是|为|才|有)?\d*(?:元|块)?/g;
const AVERAGE_WAGE = new RegExp(`(?:当地|本地|本市|全市|上年度|上一年度?|社会|社平|职工)[^，。]{0,10}?平均工资(?:标准)?(?:是|为|有|约)?(\\d+(?:\\.\\d+)?[千万]?)(?:元|块)?`);

/** A stated monthly wage between 500 and 200,000 yuan (never the minimum or the average wage the question quotes). */
function monthlyWage(q: string): number | null {
  const own = q.replace(MIN_WAGE_SAID, '').replace(new RegExp(AVERAGE_WAGE.source, 'g'), '');
  const m = WAGE.exec(own) ?? WAGE_LATER.exec(own);
  if (!m) return null;
  let n = parseNumber(m[1]);
  if (n === null) return null;
  if (m[2]?.toLowerCase() === 'k') n *= 1000;
  return n >= 500 && n <= 200000 ? n : null;
}

/** 「当地上年度职工月平均工资为9000元」 → 9000. */
function averageWage(q: string): number | null {
  const m = AVERAGE_WAGE.exec(q);
  const n = m ? parseNumber(m[1]) : null;
  return n !== null && n >= 1000 && n <= 100000 ? n : null;
}

// Past retirement age, or not employment: the figures of the labour law do not apply.
const NOT_EMPLOYMENT = /(退休|超龄|返聘|领养老金|拿养老金|劳务关系|劳务合同|兼职|小时工|非全日制|钟点工|实习生|实习期|个体户|承包)/;

function pastRetirementAge(q: string): boolean {
  for (const m of q.matchAll(/(\d{2})岁/g)) if (Number(m[1]) >= 60) return true;
  for (const m of q.matchAll(new RegExp(`(${CN}{2,3})岁`, 'g'))) {
    const n = parseNumber(m[1]);
    if (n !== null && n >= 60 && n < 120) return true;
  }
  return /六十多岁|七十多岁|60多岁|70多岁/.test(q);
}

function silent(q: string): boolean {
  return NOT_EMPLOYMENT.test(q) || pastRetirementAge(q);
}

function tenureOf(q: string, today: Ym | null): Tenure | null {
  return datedTenure(q, today) ?? explicitDuration(q);
}

function toYm(today?: string): Ym | null {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(today ?? '');
  return m ? { y: Number(m[1]), m: Number(m[2]) } : null;
}

const EMPLOYER_ENDED = /辞退|开除|解除通知|把我开了|开了我|被开|让我走|被裁|裁了我|解除(?:了)?(?:劳动)?合同/;
/** Signs of a dismissal at will: 「当场把我开了」「口头通知明天不用来了」「说开就开」. */
const ARBITRARY = /当场|口头|拿不出(?:任何)?证据|没有?(?:任何)?证据|根本没(?:有)?违反|冤枉|把我开除|叫我(?:明天)?走人|让我(?:明天)?走人|明天(?:就)?别来|不要我了|说开就开|说走就走|随便|无缘无故|莫名其妙|不讲理由|直接(?:把我)?(?:开|辞|赶)|不用来了|不让我进|开除了我|把我开了|开了我|被开除/;
const LIKELY_UNLAWFUL = /怀孕|孕期|产假|产期|哺乳期|医疗期内|还在医疗期|工伤期间|停工留薪|无故|没有理由|没说理由|没说别的理由|违法辞退|违法解除/;
const UNTRAINED = /未经培训|没(?:有)?(?:经过)?培训|未(?:经)?调(?:整)?(?:工作)?岗(?:位)?|没(?:有)?调岗|直接解除/;
// An ending agreed to or asked for by the worker is not an unlawful dismissal: no 2N figure for it.
const AGREED_ENDING = /协商|同意了|我同意|自愿|我想辞职|我要辞职|我辞职|主动辞职|提出辞职/;

const BELOW_MINIMUM = /低于最低工资|比最低工资(?:标准)?(?:还)?低|不到最低工资|没到最低工资/;

/** 劳动合同法实施条例第二十七条: a monthly wage below the minimum wage counts as the minimum wage. */
function severanceWage(q: string): number | null {
  const own = monthlyWage(q);
  const min = amountOf(MIN_WAGE.exec(q));
  if (min && min >= 1000 && ((own && own < min) || (!own && BELOW_MINIMUM.test(q)))) return min;
  return own;
}

function severanceLine(q: string, today: Ym | null, factor: 1 | 2, notice = false): string | null {
  if (silent(q)) return null;
  if (factor === 2 && AGREED_ENDING.test(q) && !/违法|非法/.test(q)) return null;
  // 2N only when the story says the ending was unlawful or gives a sign of it: a layoff (「公司要裁掉我」) is N
  if (factor === 2 && !/违法|非法|不合法/.test(q) && !LIKELY_UNLAWFUL.test(q) && !ARBITRARY.test(q) && !UNTRAINED.test(q)) return null;
  // dismissed while protected (孕期, 医疗期…) or with no reason: likely unlawful, so N would understate it
  if (factor === 1 && EMPLOYER_ENDED.test(q) && LIKELY_UNLAWFUL.test(q) && !AGREED_ENDING.test(q)) return null;
  // 第四十条 without the training or transfer it requires is unlawful: 2N, not N+1
  if (notice && UNTRAINED.test(q)) return severanceLine(q, today, 2);
  const t = tenureOf(q, today);
  if (!t || t.months <= 0) return null;
  const wage = severanceWage(q);
  const average = averageWage(q);
  if (wage && average && wage > 3 * average) {
    // 第四十七条第二款: above three times the local average wage, three times it and at most 12 years
    const capped = Math.min(severanceMonths(t.months), 12) * factor;
    const what = factor === 1 ? '经济补偿' : '赔偿金（经济补偿的2倍）';
    return `按你说的${t.said}，月薪${yuan(wage)}高于当地月平均工资${yuan(average)}的3倍，${what}按3倍即${yuan(3 * average)}、年限最多12年算：${fmtMonths(capped)}×${yuan(3 * average)}＝${yuan(capped * 3 * average)}。`;
  }
  const months = severanceMonths(t.months) * factor;
  const money = wage ? `，按月薪${yuan(wage)}约${yuan(wage * months)}` : '';
  const cap = t.months >= 144 ? '（月工资高于当地职工月平均工资三倍的，按三倍封顶、最多算12年）' : '';
  // 「依法提前30天通知后解除」: notice was given, so no 代通知金
  const noticeGiven = /提前(?:30|三十)天(?:书面)?通知|提前一个月(?:书面)?通知/.test(q) && !/(?:没|未|不|没有)(?:有)?提前/.test(q);
  if (notice && noticeGiven) return `按你说的${t.said}，经济补偿是${fmtMonths(months)}工资${money}；已提前30天书面通知的，不另付1个月工资${cap}。`;
  if (notice) {
    // 第四十条 without 30 days' written notice: one more month's pay (代通知金), the 「N+1」
    const total = wage ? `，按月薪${yuan(wage)}共约${yuan(wage * (months + 1))}` : '';
    return `按你说的${t.said}，经济补偿${fmtMonths(months)}工资${money}，没提前30天书面通知的再加1个月，共${fmtMonths(months + 1)}${total}${cap}。`;
  }
  return factor === 1
    ? `按你说的${t.said}，经济补偿是${fmtMonths(months)}工资${money}${cap}。`
    : `按你说的${t.said}，违法解除的赔偿金是经济补偿的2倍，即${fmtMonths(months)}工资${money}${cap}。`;
}

function doubleWageLine(q: string, today: Ym | null): string | null {
  if (silent(q)) return null;
  const t = tenureOf(q, today);
  if (!t || t.months < 2) return null;
  const months = Math.min(t.months - 1, 11);
  const wage = monthlyWage(q);
  const money = wage ? `，每月另付${yuan(wage)}，合计约${yuan(wage * months)}` : '';
  return `按你说的${t.said}没签合同，二倍工资差额算${months}个月${money}。`;
}

/** 全国年节及纪念日放假办法 (2025): the statutory days of each named holiday. */
const HOLIDAY_DAYS: Record<string, { days: number; dates?: readonly number[] }> = {
  元旦: { days: 1, dates: [1] },
  春节: { days: 4 },
  过年: { days: 4 },
  清明: { days: 1 },
  五一: { days: 2, dates: [1, 2] },
  劳动节: { days: 2, dates: [1, 2] },
  端午: { days: 1 },
  中秋: { days: 1 },
  国庆: { days: 3, dates: [1, 2, 3] },
};
const HOLIDAY = Object.keys(HOLIDAY_DAYS).join('|');
// 「没安排补休」「未安排调休」「也没给调休」 say there was none
const NO_COMP_TIME = /(?:没|未|不)(?:有)?(?:给|能)?(?:安排|给)?(?:补休|调休)/g;

const REST_DAY = '(?:周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|周末|双休日?)';
const DAILY_WAGE = new RegExp(`日工资(?:按|是|为|算)?(${NUM})(?:元|块)?`);

/**
 * Several kinds of overtime in one story (「平时加了20小时，两个周六没补休，国庆1号也上了班」): each
 * priced at its own rate (劳动法第四十四条) and added up. Null unless the story states two kinds, or
 * one kind with a stated daily wage.
 */
function overtimeTotalLine(q: string, monthly: number | null): string | null {
  const dailySaid = amountOf(DAILY_WAGE.exec(q));
  const day = dailySaid && dailySaid >= 30 && dailySaid <= 10000 ? dailySaid : monthly ? monthly / 21.75 : null;
  if (!day) return null;
  const hour = day / 8;
  const parts: { text: string; money: number; counted?: boolean }[] = [];
  const weekday = amountOf(new RegExp(`(?:平时|平常|工作日|下班后|晚上|延时|延长)[^，。]{0,12}?加(?:班)?(?:了)?(?:一共|共|总共)?(${NUM})(?:个)?(?:小时|钟头)`).exec(q));
  if (weekday && weekday > 0 && weekday <= 300) parts.push({ text: `平时${weekday}小时×150%`, money: weekday * hour * 1.5 });
  const compTime = /补休|调休了/.test(q.replace(NO_COMP_TIME, ''));
  const restCount =
    amountOf(new RegExp(`(${NUM})个${REST_DAY}[^，。]{0,10}?(?:加班|上班|上了|加了|干活)`).exec(q)) ??
    amountOf(new RegExp(`${REST_DAY}(?:又|也|还)?(?:加|上)(?:了)?(?:班)?(${NUM})天`).exec(q));
  if (restCount && restCount > 0 && restCount <= 12 && !compTime) parts.push({ text: `休息日${restCount}天×200%`, money: restCount * day * 2 });
  const named = new RegExp(`(${HOLIDAY})`).exec(q);
  if (named) {
    const after = q.slice(named.index);
    const dates = HOLIDAY_DAYS[named[1]].dates;
    const span = /(?:\d{1,2}月)?(\d{1,2})[号日]?(?:到|至|-|—|~)(?:\d{1,2}月)?(\d{1,2})[号日]/.exec(after);
    const single = /(?:\d{1,2}月)?(\d{1,2})[号日](?:那天|当天)?(?:也|还)?(?:上|加)/.exec(after);
    const counted = amountOf(new RegExp(`^${named[1]}[^，。\\d]{0,6}?(${NUM})天`).exec(after));
    let n = 0;
    if (span && dates) n = dates.filter((d) => d >= Number(span[1]) && d <= Number(span[2])).length;
    else if (single && dates?.includes(Number(single[1]))) n = 1;
    else if (counted) n = Math.min(counted, HOLIDAY_DAYS[named[1]].days);
    // 「国庆加班7天」 (days beyond the statutory ones are rest days) stays with overtimeLine
    if (n > 0) parts.push({ text: `${named[1]}${n}天×300%`, money: n * day * 3, ...(span || single ? {} : { counted: true }) });
  }
  // one kind alone is priced by overtimeLine below, unless the daily wage was stated or it is counted in days
  if (parts.length === 0 || (parts.length === 1 && !dailySaid && (parts[0].text.startsWith('平时') || parts[0].counted))) return null;
  const total = parts.reduce((sum, p) => sum + p.money, 0);
  const base = dailySaid ? `按你说的日工资${rate(day)}` : `按月薪${yuan(monthly!)}，日工资${rate(day)}（÷21.75）、时薪${rate(hour)}`;
  return `${base}：${parts.map((p) => `${p.text}约${yuan(p.money)}`).join('，')}，合计约${yuan(total)}。`;
}

function overtimeLine(q: string): string | null {
  if (silent(q)) return null;
  const wage = monthlyWage(q);
  const total = overtimeTotalLine(q, wage);
  if (total) return total;
  if (!wage) return null;
  const day = wage / 21.75;
  const hour = day / 8;
  const compTimeGiven = /补休|调休了/.test(q.replace(NO_COMP_TIME, ''));
  const hours = new RegExp(`加(?:班)?(?:了)?(${NUM})(?:个)?(?:小时|钟头|钟|个钟)`).exec(q);
  const restHours = new RegExp(`(${NUM})个(周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|周末)[^。]{0,4}?各?加班(?:了)?[，]?(?:每次|每天|每个|各|都)?(${NUM})(?:个)?(?:小时|钟头)`).exec(q);
  const oneRestDay = new RegExp(`(?:上|这)?(?:周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日)[^，。\\d]{0,12}?(${NUM})个?(?:小时|钟头)`).exec(q);
  const days = new RegExp(`(周末|休息日|双休|礼拜[六天日]|节假日|法定节假日|${HOLIDAY})(?:加班|上班)(?:了)?(${NUM})天`).exec(q);
  const namedDays = new RegExp(`(${HOLIDAY})(?:那|这|的)?(${NUM})天[^，。]{0,8}?(?:加班|上班|上了班)`).exec(q);
  const dateList = new RegExp(`(${HOLIDAY})((?:\\d{1,2}[号日]、?){1,7})[^，。]{0,6}?(?:加班|上班|上了班)`).exec(q);
  // 「国庆节放假……安排我10月1日、2日、3日上班」: a month's days listed after the holiday is named
  const named = new RegExp(`(${HOLIDAY})`).exec(q);
  const range = named ? new RegExp(`(\\d{1,2})月(\\d{1,2})[日号]?(?:到|至|-|—|~)(?:\\d{1,2}月)?(\\d{1,2})[日号][^，。]{0,10}?(?:加班|上班|上了班)`).exec(q.slice(named.index)) : null;
  const monthList = named ? new RegExp(`(\\d{1,2})月((?:\\d{1,2}[号日][、，和及]?){1,7})[^，。]{0,6}?(?:加班|上班|上了班)`).exec(q.slice(named.index)) : null;
  const base = `按月薪${yuan(wage)}，日工资${rate(day)}（÷21.75）、时薪${rate(hour)}`;
  if (restHours && !compTimeGiven) {
    const n = parseNumber(restHours[1]);
    const h = parseNumber(restHours[3]);
    if (n !== null && h !== null && n > 0 && n <= 10 && h > 0 && h <= 16) {
      return `${base}；${n}个${restHours[2]}各${h}小时、不能补休的按200%约${yuan(hour * h * n * 2)}。`;
    }
  }
  // one rest day only: 「周六周日各8小时」「每个周六」 are several days, and silence beats a wrong figure
  const restDayWords = q.match(/周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|周末/g)?.length ?? 0;
  if (oneRestDay && !restHours && !compTimeGiven && restDayWords === 1 && !/各|每个|每周|都/.test(q) && !new RegExp(`(${NUM})个(?:周六|周日|星期|礼拜|休息日|周末)`).test(q)) {
    const h = parseNumber(oneRestDay[1]);
    if (h !== null && h > 0 && h <= 16) return `${base}；休息日${h}小时、不能补休的按200%约${yuan(hour * h * 2)}。`;
  }
  const HOLIDAY_MONTH: Record<string, number> = { 元旦: 1, 五一: 5, 劳动节: 5, 国庆: 10 };
  const rangeDays = range && Number(range[3]) >= Number(range[2]) && Number(range[3]) - Number(range[2]) < 10 ? Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) => `${Number(range[2]) + i}日`).join('、') : null;
  const list = dateList
    ? { holiday: dateList[1], days: dateList[2] }
    : named && range && rangeDays && HOLIDAY_MONTH[named[1]] === Number(range[1])
      ? { holiday: named[1], days: rangeDays }
      : named && monthList && HOLIDAY_MONTH[named[1]] === Number(monthList[1])
        ? { holiday: named[1], days: monthList[2] }
        : null;
  if (list) {
    const holiday = HOLIDAY_DAYS[list.holiday];
    const listed = [...list.days.matchAll(/\d{1,2}/g)].map((m) => Number(m[0]));
    if (holiday.dates && listed.length > 0 && listed.every((d) => holiday.dates!.includes(d))) {
      return `${base}；${list.holiday}${listed.map((d) => `${d}日`).join('、')}是法定节假日，${listed.length}天按300%约${yuan(day * listed.length * 3)}（不能用补休抵）。`;
    }
  }
  const holidayDays = namedDays ?? (days && HOLIDAY_DAYS[days[1]] ? days : null);
  if (holidayDays) {
    const n = parseNumber(holidayDays[2]);
    const statutory = HOLIDAY_DAYS[holidayDays[1]].days;
    if (n !== null && n > 0 && n <= 10) {
      const paid = Math.min(n, statutory);
      const rest = n - paid;
      const restText = rest > 0 ? `；其余${rest}天是调休的休息日，能补休的可以补休，不能补休的按200%约${yuan(day * rest * 2)}` : '';
      return `${base}；${holidayDays[1]}法定假${statutory}天，其中${paid}天按300%约${yuan(day * paid * 3)}${restText}。`;
    }
  }
  if (days) {
    const n = parseNumber(days[2]);
    const holiday = !/周末|休息日|双休|礼拜/.test(days[1]);
    if (n !== null && n > 0 && n <= 31) return `${base}；${days[1]}加班${n}天按${holiday ? '300%' : '200%'}约${yuan(day * n * (holiday ? 3 : 2))}。`;
  }
  // hours on a rest day or a holiday are not weekday overtime: the rates line below, not a wrong 150%
  const offDay = restDayWords > 0 || new RegExp(`节假日|${HOLIDAY}`).test(q);
  if (hours && !offDay) {
    const n = parseNumber(hours[1]);
    if (n !== null && n > 0 && n <= 300) return `${base}；平时加班${n}小时按150%约${yuan(hour * n * 1.5)}。`;
  }
  return `${base}：平时加班每小时约${rate(hour * 1.5)}，休息日约${rate(hour * 2)}，法定节假日约${rate(hour * 3)}。`;
}

// 「2025年7月1日跳槽到现在这家公司」: joining a new employer this year
const JOINED = /(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?(?:刚|才)?(?:跳槽|入职|进|到|换到|来到|去了)/;
const SEVERAL_YEARS = /(?:工作|干|上班|做)(?:过|了)?(?:好几|几|多|好多|很多)年|好些年/;
const NEW_EMPLOYER = /跳槽|新单位|新公司|新厂|换了(?:工作|单位|公司)|刚入职|新入职|新进/;

/** 企业职工带薪年休假实施办法第十条: unused days at 300% of the daily wage, the normal 100% included, so 200% more. */
const unusedLeavePay = (day: number, unused: number) => `另付日工资${rate(day)}的200%，约${yuan(day * 2 * unused)}（连同已发的正常工资共300%）`;
/** 实施办法第五条、第十二条: calendar days ÷ 365 × the year's days, less than a whole day not counted. */
const proratedLeave = (calendarDays: number, yearDays: number) => Math.floor((Math.min(calendarDays, 365) / 365) * yearDays);

function annualLeaveLine(q: string, todayIso?: string): string | null {
  if (silent(q)) return null;
  const years =
    new RegExp(`(?:工龄|累计工作|工作了|上班|干了|参加工作)(?:有|了|快)?(${NUM})年(?!半|多|\\d+个月|零)`).exec(q) ??
    new RegExp(`(?:有|满)(${NUM})年(?:的)?工龄`).exec(q);
  // 「在这家公司是第4年了，之前没在别处工作过」: three full years
  const nth = new RegExp(`第(${NUM})年`).exec(q);
  const firstJob = /之前没(?:在别处|在别的|有)?(?:工作|上过班|干过)|第一份工作|头一份工作/.test(q);
  // 「去年的5天年假一天没休」: the days themselves
  const stated = new RegExp(`(${NUM})天(?:的)?(?:带薪)?年(?:休)?假|(?:应该|应|能|可以)休(${NUM})天|年(?:休)?假(?:有|是)?(${NUM})天`).exec(q);
  // 「今年还有3天年假公司没安排我休」: the unused days themselves
  const left = new RegExp(`(?:还有|剩|剩下|剩了)(${NUM})天(?:的)?(?:带薪)?年(?:休)?假`).exec(q);
  const leftDays = left ? parseNumber(left[1]) : null;
  const leftWage = monthlyWage(q);
  if (leftWage && leftDays !== null && leftDays > 0 && leftDays <= 15 && /没休|未休|没安排|没给我?安排|没让/.test(q)) {
    const day = leftWage / 21.75;
    return `按你说的${leftDays}天年假没休，${unusedLeavePay(day, leftDays)}。`;
  }
  let y: number | null = null;
  let days: number;
  let several = false;
  // 「在现在这个厂干了3年 之前在别的厂干过8年」: years at earlier employers count too (条例第二条: 累计工作)
  const before = new RegExp(`(?:之前|以前|原来|此前)[^，。\\d]{0,10}?(?:干|工作|上班|做)(?:过|了)(${NUM})年(?!半|多|\\d+个月|零)`).exec(q);
  if (years || (nth && firstJob)) {
    y = years ? parseNumber(years[1]) : parseNumber(nth![1])! - 1;
    // the same words can match both (「之前已经连续工作了8年」): count them once
    const sameWords = before && years && before.index + before[0].length === years.index + years[0].length;
    const earlier = before && !sameWords ? parseNumber(before[1]) : null;
    if (y !== null && earlier !== null && earlier <= 50) y += earlier;
    if (y === null || y > 50) return null;
    days = y >= 20 ? 15 : y >= 10 ? 10 : y >= 1 ? 5 : 0;
  } else if (stated) {
    const n = parseNumber(stated[1] ?? stated[2] ?? stated[3]);
    if (n === null || ![5, 10, 15].includes(n)) return null;
    days = n;
  } else if (SEVERAL_YEARS.test(q) && NEW_EMPLOYER.test(q)) {
    // 「之前工作过好几年」 joining a new employer: the figure for 5 days a year, and for 10 said beside it
    days = 5;
    several = true;
  } else return null;
  if (days === 0) return `按你说的累计工作不满1年，还不能休带薪年假。`;
  const said = several ? '累计工作满1年不满10年的，每年带薪年假5天' : y !== null ? `累计工作${y}年，每年带薪年假${days}天` : `每年带薪年假${days}天`;
  const wage = monthlyWage(q);
  const dailyRaw = amountOf(DAILY_WAGE.exec(q));
  // an implausible daily wage (「日工资20」) is not one to price leave with
  const dailySaid = dailyRaw !== null && dailyRaw >= 30 ? dailyRaw : null;
  if ((wage || dailySaid) && /没休|未休|没安排|没给我?安排|一天(?:都|也)?没/.test(q)) {
    const day = dailySaid ?? wage! / 21.75;
    // 「只让我休了7天，剩下的没安排」: only the days not taken
    const takenSaid = amountOf(new RegExp(`(?:只|才)(?:让我|给我|安排我?)?休(?:了)?(${NUM})天`).exec(q));
    const taken = takenSaid !== null && takenSaid > 0 && takenSaid < days ? takenSaid : 0;
    const unused = days - taken;
    return `按你说的${said}；${taken ? `休了${taken}天、${unused}天没休` : `${days}天都没休`}的，${unusedLeavePay(day, unused)}。`;
  }
  const thisYear = todayIso ? new RegExp(`今年(${NUM})月(?:(\\d{1,2})[日号])?(?:刚|才)?(?:跳槽|入职|进|到|换到|来到|去了)`).exec(q) : null;
  const joined = JOINED.exec(q) ?? (thisYear ? ([thisYear[0], todayIso!.slice(0, 4), String(parseNumber(thisYear[1])), thisYear[2]] as unknown as RegExpExecArray) : null);
  if (joined && NEW_EMPLOYER.test(q)) {
    const year = Number(joined[1]);
    const start = Date.UTC(year, Number(joined[2]) - 1, joined[3] ? Number(joined[3]) : 1);
    const remaining = Math.round((Date.UTC(year + 1, 0, 1) - start) / 86400000);
    if (remaining > 0 && remaining <= 366) {
      // 实施办法第五条: 新进用人单位的，当年度剩余日历天数 ÷ 365 × 全年应休天数，不足1整天不享受
      const prorated = proratedLeave(remaining, days);
      const ten = several ? `；累计满10年的当年可休${proratedLeave(remaining, 10)}天` : '';
      return `按你说的${said}，${year}年${Number(joined[2])}月${joined[3] ? `${Number(joined[3])}日` : ''}进新单位，当年可休${prorated}天（剩余${Math.min(remaining, 365)}天÷365×${days}天，不足1天不计）${ten}。`;
    }
  }
  if (several) return null;
  const leave = new RegExp(`(${NUM})月(?:(\\d{1,2})[日号])?(?:份)?(?:底)?(?:离职|辞职|走)`).exec(q);
  if (leave && todayIso) {
    const month = parseNumber(leave[1]);
    const day = leave[2] ? Number(leave[2]) : null;
    if (month !== null && month >= 1 && month <= 12 && (day === null || (day >= 1 && day <= 31))) {
      const year = Number(todayIso.slice(0, 4));
      const end = day === null ? Date.UTC(year, month, 0) : Date.UTC(year, month - 1, day);
      const dayOfYear = Math.round((end - Date.UTC(year, 0, 0)) / 86400000);
      // 企业职工带薪年休假实施办法第十二条: 已过日历天数 ÷ 365 × 全年天数, 不足1整天不享受
      const prorated = proratedLeave(dayOfYear, days);
      return `按你说的${said}、${month}月${day === null ? '底' : `${day}日`}离职，当年可休年假折算${prorated}天（${Math.min(dayOfYear, 365)}÷365×${days}天，不足1天不计）。`;
    }
  }
  return `按你说的${said}。`;
}

const GRADE_MONTHS = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];

function disabilityLine(q: string): string | null {
  const m = /(?:伤残|评残|鉴定为?|评了?)?([一二三四五六七八九十]|10|[1-9])级(?:伤残)?/.exec(q);
  if (!m || !/伤残|残|鉴定/.test(q)) return null;
  const grade = parseNumber(m[1]);
  if (grade === null || grade < 1 || grade > 10) return null;
  const months = GRADE_MONTHS[grade - 1];
  const wage = monthlyWage(q);
  const money = wage ? `，按你说的月工资${yuan(wage)}约${yuan(wage * months)}` : '';
  return `${grade}级伤残的一次性伤残补助金是${months}个月本人工资${money}。`;
}

/**
 * 国务院关于渐进式延迟法定退休年龄的决定（2024）附件: from 2025 the age rises one month for every `step`
 * months of birth, from the first birth month affected, up to `max` months.
 */
const RETIREMENT = {
  男职工: { age: 60, from: 1965 * 12, step: 4, max: 36 },
  原55岁退休的女职工: { age: 55, from: 1970 * 12, step: 4, max: 36 },
  原50岁退休的女职工: { age: 50, from: 1975 * 12, step: 2, max: 60 },
} as const;
type RetirementGroup = keyof typeof RETIREMENT;

const BIRTH = /(\d{4})年(\d{1,2})月(?:份)?(?:\d{1,2}[日号])?(?:出生|生的|生人|生)|生于(\d{4})年(\d{1,2})月|(\d{4})年(\d{1,2})月(?:份)?的?人/;

function retirementFor(group: RetirementGroup, born: number): string {
  const r = RETIREMENT[group];
  const delay = born < r.from ? 0 : Math.min(r.max, Math.floor((born - r.from) / r.step) + 1);
  const at = born + r.age * 12 + delay;
  const age = `${r.age + Math.floor(delay / 12)}岁${delay % 12 ? `${delay % 12}个月` : ''}`;
  return `${group}${age}退休（${Math.floor(at / 12)}年${(at % 12) + 1}月）`;
}

function retirementLine(q: string): string | null {
  const m = BIRTH.exec(q);
  if (!m) return null;
  const y = Number(m[1] ?? m[3] ?? m[5]);
  const mo = Number(m[2] ?? m[4] ?? m[6]);
  if (y < 1940 || y > 2010 || mo < 1 || mo > 12) return null;
  const born = y * 12 + mo - 1;
  const male = /男|老公|丈夫|爸/.test(q) && !/女/.test(q);
  const female = /女|妻子|老婆|媳妇|妈/.test(q) && !/男/.test(q);
  const was55 = /干部|管理岗|原(?:来)?55|55岁退休|五十五岁退休/.test(q);
  const was50 = /工人|一线|原(?:来)?50|50岁退休|五十岁退休/.test(q);
  let groups: RetirementGroup[];
  if (male) groups = ['男职工'];
  else if (female) groups = was55 && !was50 ? ['原55岁退休的女职工'] : was50 && !was55 ? ['原50岁退休的女职工'] : ['原50岁退休的女职工', '原55岁退休的女职工'];
  else return null;
  return `按你说的${y}年${mo}月出生，${groups.map((g) => retirementFor(g, born)).join('；')}。`;
}

const MIN_WAGE = new RegExp(`最低工资(?:标准)?(?:是|为|才|有)?(\\d{3,5})(?:元|块)?`);

/** 病假工资不得低于当地最低工资标准的80%（劳部发〔1995〕309号第59条）. */
function sickPayLine(q: string): string | null {
  const m = MIN_WAGE.exec(q);
  if (!m || !/病假|病休|生病|看病|医疗期/.test(q)) return null;
  const n = Number(m[1]);
  if (n < 1000 || n > 5000) return null;
  return `按你说的当地最低工资${n}元，病假工资每月不得低于${yuan(n * 0.8)}（80%）。`;
}

const AMOUNT = `(\\d+(?:\\.\\d+)?[千万]?|${CN}+[千万])`;
/** The first captured group of a match as a number. */
const amountOf = (m: RegExpExecArray | null) => {
  const raw = m?.slice(1).find((g) => g !== undefined);
  return raw === undefined ? null : parseNumber(raw);
};

/** 劳动合同法第二十二条: the penalty is at most the training cost of the part of the service period not yet served. */
function trainingBondLine(q: string): string | null {
  const cost = amountOf(new RegExp(`(?:培训费(?:用)?|花了|出了|出钱|费用)[^，。\\d]{0,6}?${AMOUNT}(?:元|块)?|培训费[^。\\d]{0,16}?(?:一共|共计|合计|总共)${AMOUNT}(?:元|块)?`).exec(q));
  const period = amountOf(new RegExp(`(${NUM})年(?:的)?服务期|服务期(?:协议)?(?:为|是|约定)?(${NUM})年`).exec(q));
  const served = amountOf(new RegExp(`(?:干满|干了|做了|做满|工作了|工作满|已经干了|服务了|服务满|已满)(${NUM})年`).exec(q));
  if (!cost || !period || served === null || served >= period || cost < 100 || period > 20) return null;
  const max = (cost * (period - served)) / period;
  return `按你说的培训费${yuan(cost)}、服务期${period}年、已干${served}年，违约金最多${yuan(cost)}×${period - served}÷${period}＝${yuan(max)}。`;
}

/** 劳动合同法第二十条: probation pay at least 80% of the agreed pay and not below the minimum wage. */
function probationPayLine(q: string): string | null {
  const agreed =
    amountOf(new RegExp(`(?:转正(?:后)?(?:的)?|合同(?:上)?(?:写明?|约定)?(?:的)?(?:转正后)?)(?:月)?(?:工资|月薪)(?:是|为)?${AMOUNT}(?:元|块)?`).exec(q)) ??
    // 「签了三年合同，试用期六个月，月薪6000，试用期给我发4000」: the wage said apart from the probation pay
    (/试用期[^。]{0,12}(?:只|才|给我|发)[^。]{0,4}\d/.test(q) ? monthlyWage(q.replace(new RegExp(`试用期[^，。]{0,12}?${AMOUNT}(?:元|块)?`, 'g'), '')) : null);
  if (!agreed || agreed < 500) return null;
  const min = amountOf(MIN_WAGE.exec(q));
  const floor = Math.max(agreed * 0.8, min ?? 0);
  const percent = /的(\d{2})%/.exec(q.slice(q.indexOf(String(agreed))));
  const paid =
    amountOf(new RegExp(`试用期(?:的|里|内|期间)?(?:月)?(?:工资|月薪)(?:只有|才|是|为|只)?${AMOUNT}(?:元|块)`).exec(q)) ??
    amountOf(new RegExp(`试用期[^，。\\d]{0,6}?(?:只发|才发|发|给我发|给)(?:了)?${AMOUNT}(?:元|块)?`).exec(q)) ??
    (percent && /试用期/.test(q) ? (agreed * Number(percent[1])) / 100 : null);
  const short = paid !== null && paid < floor ? `，每月少发${yuan(floor - paid)}` : '';
  return `按你说的约定工资${yuan(agreed)}，试用期工资每月不得低于${yuan(floor)}（80%${min ? `，且不低于最低工资${yuan(min)}` : ''}）${short}。`;
}

/** 工资支付暂行规定第十六条: at most 20% of the month's pay, and what is left not below the minimum wage. */
function damageDeductionLine(q: string): string | null {
  const wage = monthlyWage(q);
  if (!wage) return null;
  const min = amountOf(MIN_WAGE.exec(q));
  const max = Math.max(0, Math.min(wage * 0.2, min ? wage - min : Infinity));
  const asked = amountOf(new RegExp(`每月(?:从工资里)?扣(?:我|除)?${AMOUNT}(?:元|块)?`).exec(q));
  const over = asked !== null && asked > max ? `，每月扣${yuan(asked)}超过了上限` : '';
  return `按你说的月工资${yuan(wage)}，每月最多扣${yuan(max)}（20%${min ? `，扣后不低于最低工资${yuan(min)}` : ''}）${over}。`;
}

/** 劳动合同法第十九条: the longest probation a contract of this length allows, in months. */
function probationLimit(contractMonths: number): number {
  return contractMonths < 3 ? 0 : contractMonths < 12 ? 1 : contractMonths < 36 ? 2 : 6;
}

/** 劳动合同法第八十三条: the months served beyond the lawful probation, paid again at the full wage. */
function probationOverLine(q: string): string | null {
  const years = amountOf(new RegExp(`(?:签了?|签的|签订了?|约定)(?:一份)?(${NUM})年(?:期|的)?(?:的)?(?:劳动)?合同|(${NUM})年(?:期)?的?(?:劳动)?合同`).exec(q));
  const probation = amountOf(new RegExp(`试用期[^，。\\d]{0,5}?(${NUM})个月|试用(${NUM})个月`).exec(q));
  if (years === null || probation === null || years <= 0 || years > 20 || probation > 12) return null;
  const limit = probationLimit(years * 12);
  if (probation <= limit) return `按你说的${years}年合同，试用期最多${limit}个月，约定${probation}个月没有超。`;
  const fullRaw = amountOf(new RegExp(`(?:转正(?:后)?|试用期满)(?:的)?(?:月薪|月工资|工资)?(?:是|为)?${AMOUNT}(?:元|块)?`).exec(q));
  const full = fullRaw !== null && fullRaw >= 500 ? fullRaw : null;
  const money = full ? `，按转正月薪${yuan(full)}赔偿金约${yuan(full * (probation - limit))}` : '';
  return `按你说的${years}年合同，试用期最多${limit}个月，约定${probation}个月超了${probation - limit}个月${money}。`;
}

/** 劳动争议解释一第三十六条: no agreed compensation → 30% of the last 12 months' average pay, at least the minimum wage. */
function noncompetePayLine(q: string): string | null {
  const avg = amountOf(new RegExp(`(?:前|离职前)?12个月(?:的)?(?:月)?平均工资(?:是|为|有)?${AMOUNT}(?:元|块)?|离职前(?:的)?(?:月)?(?:平均)?工资(?:是|为|有)?${AMOUNT}(?:元|块)?`).exec(q)) ?? monthlyWage(q);
  if (!avg || avg < 500) return null;
  const min = amountOf(MIN_WAGE.exec(q));
  const pay = Math.max(avg * 0.3, min ?? 0);
  return `按你说的离职前月平均工资${yuan(avg)}，没约定补偿的每月至少${yuan(pay)}（30%${min && pay === min ? '，不低于最低工资' : ''}）。`;
}

// 最低工资规定第十二条: these are not part of the minimum wage
const NOT_IN_MINIMUM = new RegExp(`(夜班|中班|高温|低温|井下|有毒有害|加班)(?:津贴|补贴|费|工资)?(?:是|为|有)?(\\d+(?:\\.\\d+)?)(?:元|块)`, 'g');

/** 「2025年12月到2026年2月……每月只发1500块，最低工资是2200」: the shortfall a month, and over the months said. */
function belowMinimumLine(q: string, wage: number, min: number): string | null {
  if (wage >= min || !/正常|照常|全勤|出勤|上班|干活|做满|满勤/.test(q) || /病假|请假|停工|停产|放假/.test(q)) return null;
  const span = /(\d{4})年(\d{1,2})月(?:份)?(?:到|至|-|—)(?:(\d{4})年)?(\d{1,2})月/.exec(q);
  const counted = amountOf(new RegExp(`(${NUM})个月`).exec(q));
  let months: number | null = null;
  if (span) months = (Number(span[3] ?? span[1]) - Number(span[1])) * 12 + Number(span[4]) - Number(span[2]) + 1;
  else if (counted !== null) months = counted;
  const over = months !== null && months >= 1 && months <= 36 ? `，${months}个月共差${yuan((min - wage) * months)}` : '';
  return `按你说的正常上班每月只发${yuan(wage)}，低于最低工资${yuan(min)}，每月差${yuan(min - wage)}${over}，要补足。`;
}

function minimumWageLine(q: string): string | null {
  const min = amountOf(MIN_WAGE.exec(q));
  const wage = monthlyWage(q.replace(NOT_IN_MINIMUM, ''));
  if (!min || !wage || min < 1000) return null;
  const parts = [...q.matchAll(NOT_IN_MINIMUM)].map((m) => ({ what: m[1], n: Number(m[2]) })).filter((x) => x.n < wage);
  if (!parts.length) return belowMinimumLine(q, wage, min);
  const counted = wage - parts.reduce((s, x) => s + x.n, 0);
  const verdict = counted < min ? `低于最低工资${yuan(min)}，差${yuan(min - counted)}要补足` : `不低于最低工资${yuan(min)}`;
  return `按你说的，${yuan(wage)}扣除${parts.map((x) => `${x.what}${yuan(x.n)}`).join('、')}后是${yuan(counted)}，${verdict}。`;
}

/** A figure worked out from what the question states, or null (silence) when it does not state enough. */
export function calculate(kind: Calculator, question: string, today?: string): string | null {
  const q = clean(question);
  const ym = toYm(today);
  switch (kind) {
    case 'severance':
      return severanceLine(q, ym, 1);
    case 'unlawful_dismissal':
      return severanceLine(q, ym, 2);
    case 'severance_notice':
      return severanceLine(q, ym, 1, true);
    case 'double_wage':
      return doubleWageLine(q, ym);
    case 'overtime':
      return overtimeLine(q);
    case 'annual_leave':
      return annualLeaveLine(q, today);
    case 'disability_subsidy':
      return disabilityLine(q);
    case 'retirement_age':
      return retirementLine(q);
    case 'sick_pay':
      return sickPayLine(q);
    case 'training_bond':
      return trainingBondLine(q);
    case 'probation_pay':
      return probationPayLine(q);
    case 'damage_deduction':
      return damageDeductionLine(q);
    case 'probation_over':
      return probationOverLine(q);
    case 'noncompete_pay':
      return noncompetePayLine(q);
    case 'minimum_wage':
      return minimumWageLine(q);
  }
}

