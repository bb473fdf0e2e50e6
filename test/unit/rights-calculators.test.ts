// The calculator table: every phrasing gets the right figure, or silence where silence is right
// (lone dates, approximate tenures, past retirement age, work that is not employment).
import { describe, expect, it } from 'vitest';
import { calculate, parseNumber, severanceMonths } from '../../shared/rights/calculators.js';
import type { Calculator } from '../../shared/rights/schema.js';

const TODAY = '2026-12-02';
/** [calculator, question, a figure the line must contain — or null: the calculator must stay silent] */
const TABLE: [Calculator, string, string | null][] = [
  // severance: explicit durations
  ['severance', '在厂里干了两年零三个月 公司让我走 能拿几个月补偿', '2个半月'],
  ['severance', '干了3年7个月 工资五千五', '22000元'],
  ['severance', '干了3年7个月 被辞退', '4个月工资'],
  ['severance', '做了5个月就被辞退了', '半个月'],
  ['severance', '干了一年半 公司裁员', '2个月工资'],
  ['severance', '在这干了十年 月薪8000 公司倒闭了', '80000元'],
  ['severance', '工作了6年 协商解除 补偿几个月', '6个月工资'],
  ['severance', '干了2年零6个月 被辞', '3个月工资'],
  ['severance', '干了1年 月薪4000 合同到期不续了', '4000元'],
  ['severance', '工龄13年 月薪3万 被辞退', '三倍封顶'],
  ['severance', '做了8个月 月工资6000', '6000元'],
  ['severance', '干了整整4年 底薪5千', '20000元'],
  // severance: start and end dates
  ['severance', '2021年3月入职 2024年10月被辞退 月薪6000 补偿多少', '24000元'],
  ['severance', '2019.5入职，2026.2离职，公司该给多少补偿', '7个月工资'],
  ['severance', '去年3月入职 到现在 被辞退 月薪1.2万', '24000元'],
  ['severance', '22年7月进厂的 今年5月被辞退', '4个月工资'],
  ['severance', '2020年1月入职一直干到现在 公司要裁员', '7个月工资'],
  // severance: silence
  ['severance', '我2021年3月入职的 公司要辞退我', null],
  ['severance', '1月30号被通知不用来了 补偿怎么算', null],
  ['severance', '67岁了在厂里看门干了5年 辞退有补偿吗', null],
  ['severance', '我退休返聘干了3年 现在不要我了', null],
  ['severance', '已经领养老金了 干了两年 被辞退', null],
  ['severance', '干了快三年 被辞退', null],
  ['severance', '干了三年多 被辞退', null],
  ['severance', '做小时工干了2年 老板不要我了', null],
  ['severance', '公司辞退我 能拿几个月补偿', null],
  ['severance', '三个月没发工资 我想辞职要补偿', null],
  ['severance', '今年62岁 干了4年保安被辞退', null],
  ['severance', '干了不到两年 被辞退', null],
  ['severance', '2023年签的合同 被辞退', null],
  // unlawful dismissal: 2N
  ['unlawful_dismissal', '干了4年 违法辞退 月薪8000', '64000元'],
  ['unlawful_dismissal', '干了2年零3个月被违法开除', '5个月工资'],
  ['unlawful_dismissal', '2022年6月入职 2026年6月被无故辞退 工资7000', '56000元'],
  ['unlawful_dismissal', '做了7个月被无故辞退', '2个月工资'],
  ['unlawful_dismissal', '被违法辞退了 赔偿金怎么算', null],
  ['unlawful_dismissal', '70岁了 被违法辞退 干了3年', null],
  // double wage
  ['double_wage', '我2026年1月5号进的汽配厂 月薪5000 到9月5号正好干满8个月 一直没签合同', '35000元'],
  ['double_wage', '干了8个月没签合同 月薪5000', '7个月'],
  ['double_wage', '干了两年没签合同', '11个月'],
  ['double_wage', '干了3个月了还没签合同 工资4000', '8000元'],
  ['double_wage', '2026年2月入职 到现在没签合同', '9个月'],
  ['double_wage', '做了1个月没签合同', null],
  ['double_wage', '去年没签合同 能要双倍工资吗', null],
  ['double_wage', '我是退休返聘的 干了半年没签合同', null],
  ['double_wage', '干了快一年了没签合同', null],
  ['double_wage', '实习生干了5个月没签合同', null],
  // overtime
  ['overtime', '月薪5000 平时加班20小时 加班费多少', '862元'],
  ['overtime', '工资4350 国庆加班3天', '1800元'],
  ['overtime', '底薪三千 周末加班2天', '552元'],
  ['overtime', '月薪6525 加班费怎么算', '56.25元'],
  ['overtime', '月薪8700 春节加班2天', '2400元'],
  ['overtime', '加班费怎么算', null],
  ['overtime', '周末加班2天 给多少', null],
  ['overtime', '我是小时工 每月4000 加班怎么算', null],
  // annual leave
  ['annual_leave', '工作了8年 年假几天', '5天'],
  ['annual_leave', '累计工作12年 7月底离职 年假怎么算', '折算5天'],
  ['annual_leave', '参加工作25年了 年假多少天', '15天'],
  ['annual_leave', '工龄10年 年休假几天', '10天'],
  ['annual_leave', '累计工作3年 3月份离职 年假', '折算1天'],
  ['annual_leave', '年假有几天啊', null],
  ['annual_leave', '工作了三年多 年假几天', null],
  ['annual_leave', '我退休返聘 干了两年 有年假吗', null],
  // disability subsidy
  ['disability_subsidy', '工伤鉴定七级 月工资6000', '78000元'],
  ['disability_subsidy', '评了十级伤残能拿多少', '7个月'],
  ['disability_subsidy', '伤残一级 工资5000', '135000元'],
  ['disability_subsidy', '鉴定为9级伤残 月薪4500', '40500元'],
  ['disability_subsidy', '工伤了 伤残补助金怎么算', null],
  ['disability_subsidy', '手指断了 能评几级', null],
  // dates with days, other start words, a later date as the end when the story ends the job
  ['double_wage', '2024年3月1日入职 月工资5000 一直没签合同 2024年12月31日离职', '45000元'],
  ['severance', '2021年11月入职 月工资6000 2025年6月厂里搬迁 跟我协商解除合同', '24000元'],
  ['severance', '2023年2月入职 月工资4500 从2024年10月起不发工资 一直拖到2025年1月 我想辞职', '9000元'],
  ['severance', '2023年2月入职 2024年10月调岗了 补偿怎么算', null],
  ['unlawful_dismissal', '2022年3月到一家超市当理货员 月工资7000 2024年7月10日店长当场把我开了', '35000元'],
  ['severance_notice', '2019年4月1日入职 月工资5500 2025年4月30日说我不能胜任 没提前通知就解除了', '41250元'],
  ['severance_notice', '说我不能胜任要解除 没提前通知', null],
  ['severance_notice', '2019年4月1日入职 2025年4月30日不能胜任被解除 平均工资和上个月工资都是5500元', '41250元'],
  ['unlawful_dismissal', '2021年11月入职 月工资6000 2025年6月厂里找我协商解除 我同意了', null],
  ['unlawful_dismissal', '2023年2月入职 月工资4500 一直不发工资 2025年1月我想辞职', null],
  ['overtime', '病假 最低工资标准是2200元 加班了10小时', null],
  // overtime by hours in workers' words, rest days by hours
  ['overtime', '月薪4350 这个月加了30个钟', '1125元'],
  ['overtime', '月工资5220元 两个周六各加班8小时 没安排补休', '960元'],
  // unused annual leave pay; 「第4年」 of a first job is three full years
  ['annual_leave', '在这家公司是第4年了 之前没在别处工作过 年假一天都没给我安排 月工资6525元', '3000元'],
  ['annual_leave', '在这家公司是第4年了 年假没休', null],
  // retirement age by birth month (2024 decision's table)
  ['retirement_age', '我是男工人 1975年6月出生 多大退休', '62岁8个月'],
  ['retirement_age', '男 1965年1月出生 什么时候退休', '60岁1个月'],
  ['retirement_age', '女工人 1980年3月出生 几岁退', '52岁8个月'],
  ['retirement_age', '1970年出生的退休年龄', null],
  ['retirement_age', '我今年50岁 什么时候退休', null],
  // sick pay floor
  ['sick_pay', '请病假 最低工资标准是2200元 病假工资最低多少', '1760元'],
  ['sick_pay', '最低工资2200元 加班费怎么算', null],
  // wage stated with a word between 月薪 and the figure; the local average wage is not the worker's pay
  ['double_wage', '我2024年3月1日入职，月薪固定5000元，一直没签合同，2025年1月31日辞职了', '50000元'],
  ['double_wage', '2024年9月1日进厂，月工资一直是4500元，没签合同，2025年4月30日辞职', '31500元'],
  ['severance', '工作15年，月薪4万元，公司裁员，当地上年度职工月平均工资为9000元', '324000元'],
  ['severance', '工作15年，当地上年度职工月平均工资为9000元，公司裁员', '经济补偿是15个月工资（'],
  // a date followed by 辞退 ends the job; 「原来的公司」 is no start
  ['severance', '我2023年5月10日被原来的公司辞退了，2025年4月才想起来申请仲裁', null],
  // overtime: named holidays, day lists, rest days with 每次, 未安排补休
  ['overtime', '月工资6525元，上月共有5个周六加班，每次8小时，公司未安排补休', '3000元'],
  ['overtime', '我五一两天都在厂里上班了 月薪8700 加班费多少', '2400元'],
  ['overtime', '月工资4350块 国庆1号2号3号都上班了 也没给调休', '1800元'],
  ['overtime', '月薪4350 国庆加班7天 没调休', '1600元'],
  ['overtime', '月工资4350块 国庆4号5号上班了', '按月薪4350元，日工资200元（÷21.75）、时薪25元：'],
  ['overtime', '月薪5220元，工作日晚上一共加班了40个小时', '1800元'],
  // annual leave: joining a new employer mid-year; the days stated
  ['annual_leave', '我2025年7月1日跳槽到现在这家公司，之前已经连续工作了8年，今年能休几天', '当年可休2天'],
  ['annual_leave', '月薪5220元，去年的5天年假一天没休，公司也没安排', '2400元'],
  ['annual_leave', '去年的7天年假没休', null],
  // training bond, probation pay, damage deduction
  ['training_bond', '公司花了3万元培训费，签了5年服务期，现在我干满2年想离职', '18000元'],
  ['training_bond', '公司花了3万元培训费，签了5年服务期，我想离职', null],
  ['probation_pay', '合同写明转正后月工资6000元，试用期工资只有4000元，当地最低工资标准是2490元', '每月少发800元'],
  ['probation_pay', '合同约定工资3000元，当地最低工资标准是2490元，试用期给多少', '2490元'],
  ['damage_deduction', '月工资4000元，当地最低工资标准2200元，弄坏模具，每月从工资里扣我2000元', '每月最多扣800元'],
  ['damage_deduction', '月工资2500元，当地最低工资标准2200元，弄坏了东西要扣工资', '每月最多扣300元'],
  // probation beyond the lawful limit, non-compete pay, allowances outside the minimum wage
  ['probation_over', '签了两年劳动合同，约定试用期6个月，转正后月薪6000元', '24000元'],
  ['probation_over', '签的2年合同 试用期写了6个月 转正后5000', '20000元'],
  ['probation_over', '签了三年合同，试用期6个月', '没有超'],
  ['noncompete_pay', '签了竞业限制没写补偿，离职前12个月的平均工资是12000元', '3600元'],
  ['minimum_wage', '月工资2300元，里面包括夜班津贴300元和高温补贴200元，最低工资标准是2200元', '差400元'],
  ['minimum_wage', '月工资2300元，最低工资标准是2200元', null],
  ['overtime', '月工资6525元，国庆节放假10月1日到8日，厂里安排我10月1日、2日、3日上班', '2700元'],
  ['overtime', '我底薪3480 上周六被叫去厂里上了8个小时班 也没给补休', '320元'],
  ['overtime', '月工资5220元，国庆节10月1日到3日都被安排上班，公司说给我补休就行', '2160元'],
  ['annual_leave', '月工资6525元，今年还有3天年假公司没安排我休', '1800元'],
  ['annual_leave', '2025年7月1日刚换到新公司 之前在别的单位已经干了6年', '当年可休2天'],
  ['training_bond', '培训费2万 签了3年服务期 干了1年我想走', '13333元'],
  ['severance_notice', '2023年4月10日入职，2025年10月31日公司提前30天通知后解除合同，月均工资7000元', '21000元；已提前30天书面通知'],
  ['severance_notice', '干了3年 月薪5000 公司没提前30天通知就辞退', '20000元'],
  // hours on rest days or holidays never priced as weekday overtime
  ['overtime', '月薪4350 周六周日各加班8小时', '：平时加班每小时约37.5元'],
  ['overtime', '月薪4350 国庆加班8小时', '：平时加班每小时约37.5元'],
  // dismissed while protected or without training: no understated N; 第四十条 without training is 2N
  ['severance', '我怀孕5个月了 公司给我发了解除通知 我在这家公司干了3年 月薪6000', null],
  ['severance', '在这干了4年 无故辞退 月薪5000', null],
  ['severance_notice', '以不能胜任为由 未经培训或调整工作岗位即直接解除劳动合同 工作3年 月工资7500元', '45000元'],
  // leave pro-rated to a stated day, and joining 「今年4月1号」 against today
  ['annual_leave', '工龄7年 今年9月30号离职', '折算3天'],
  ['annual_leave', '之前在别的厂干了5年 今年4月1号跳槽到现在这家', '当年可休3天'],
  // several kinds of overtime in one story, each at its own rate and added up; a stated daily wage
  ['overtime', '月薪4350，平时加班30小时，两个周六加班了也没补休', '合计约1925元'],
  ['overtime', '日工资300 国庆1号到3号都在上班', '2700元'],
  ['overtime', '月工资5220元，平时加了20个小时，两个周六加班没补休，国庆10月1号也上了班', '合计约2580元'],
  ['overtime', '平时加班20小时，两个周六也上班了', null],
  // probation pay with the unit left out; a wage below the minimum counts as the minimum (条例第二十七条)
  ['probation_pay', '合同上写转正后工资6500 试用期最少给多少', '5200元'],
  ['severance', '干了两年 月工资1800 当地最低工资标准2200 公司裁员', '4400元'],
  ['severance', '干了两年 月工资1800 公司裁员', '3600元'],
  // relative dates with a day, and 「现在是…」 as the end
  ['double_wage', '去年11月15号入职 一直没签劳动合同 现在是今年5月15号 月薪6000', '30000元'],
  // years at earlier employers count; a stated daily wage prices unused leave
  ['annual_leave', '在现在这个厂干了3年 之前在别的厂干过8年 年假几天', '10天'],
  ['annual_leave', '工作了3年 日工资200 今年5天年假一天都没休', '2000元'],
  // days taken are not paid again; holidays by dates; endings said as 「不用来了」; costs summed up
  ['annual_leave', '累计工龄12年 月工资6525元 去年只让我休了7天 剩下的说忙没安排', '约1800元'],
  ['annual_leave', '月薪6525 年假只让我休了7天', null],
  ['overtime', '月薪6525 国庆节10月1号到3号连上了三天班 只给调休', '2700元'],
  ['overtime', '月薪4350 平时加班20个小时 两个周六又各加了一天班 没安排调休', '合计约1550元'],
  ['training_bond', '公司出的培训费、机票住宿一共6万元 签了5年服务期 我干满2年想走', '36000元'],
  ['double_wage', '2024年3月5日入职 一直没签书面合同 2024年12月4日被通知不用来了 月工资6000元', '48000元'],
  ['probation_pay', '合同约定转正工资7000元 试用期工资按转正工资7000元的70%发', '每月少发700元'],
  // pay below the minimum wage for normal work, over the months said; a lone 一个月 is no wage figure
  ['minimum_wage', '2025年12月到2026年2月 每月只发1500块 当地最低工资是2200 我每天照常上班', '3个月共差2100元'],
  ['minimum_wage', '请病假在家 每月只发1500块 当地最低工资是2200', null],
  ['disability_subsidy', '工伤鉴定七级 受伤前本人工资一个月5000', '65000元'],
  // a layoff is N, not 2N, unless the story gives a sign the ending was unlawful; 「最后一天是…」「走人」 end a job
  ['severance', '我2019年3月1号入职 公司要裁掉我 最后一天是2026年11月30号 前12个月平均工资7000 补偿多少', '56000元'],
  ['unlawful_dismissal', '我2019年3月1号入职 公司要裁掉我 最后一天是2026年11月30号 前12个月平均工资7000 补偿多少', null],
  ['unlawful_dismissal', '干了3年 月薪6000 老板说不要我了 叫我明天走人', '36000元'],
  ['double_wage', '我2026年3月1号进的厂 一直没签合同 工资每月5000 准备11月30号走人 能要多少钱', '40000元'],
  ['double_wage', '我2025年3月1号进的厂 老板一直没签合同 9月30号我辞工走了 工资每个月5000', '30000元'],
  ['severance_notice', '2020年7月1号进的厂 今年11月底说订单少了 通知我12月15号最后一天 平均每月5800 没提前一个月通知', '约37700元'],
  // 「之前工作过好几年」 at a new employer: the 5-day figure, the 10-day one beside it; silent without a joining date
  ['annual_leave', '我之前工作过好几年了 今年4月1号跳槽到现在公司 今年能休几天年假', '当年可休3天'],
  ['annual_leave', '我之前工作过好几年了 跳槽到新公司 年假几天', null],
  // probation pay said apart from the wage; a dismissal the employer cannot prove is priced at 2N
  ['probation_pay', '签了三年合同 试用期六个月 月薪6000 试用期给我发4000 我觉得不对', '每月少发800元'],
  ['unlawful_dismissal', '2022年8月入职 月薪8000 今年10月公司说我违反规章制度把我开除了 公司也拿不出证据', '72000元'],
  // 「月工资基数」, 「干到…就走了」, 「应该休5天」
  ['overtime', '月工资基数4350 平时晚上加班一共20个小时 两个周六各上了8小时没补休 国庆10月1号也上了一天', '合计约2150元'],
  ['double_wage', '2025年3月1号进的物流公司 月工资5000 一直没签劳动合同 干到2025年12月31号就走了', '45000元'],
  ['annual_leave', '去年的年假公司不让休也没给钱 我日工资300块 应该休5天一天没休', '3000元'],
  // 「被叫走了」 ends a job; 「年假5天」 states the days
  ['double_wage', '我是2026年2月1号进的五金厂 月工资4000 一直没签合同 10月31号被叫走了', '32000元'],
  ['annual_leave', '去年年假5天一天没休 公司也没安排 月薪4350 该补我多少', '2000元'],
  // an implausible daily wage and no monthly one: no money figure (it read 「日工资0元」)
  ['annual_leave', '工作了3年 日工资20 今年5天年假一天都没休', '按你说的累计工作3年，每年带薪年假5天。'],
];

describe('calculators: right or silent', () => {
  it('has at least 60 phrasings', () => expect(TABLE.length).toBeGreaterThanOrEqual(60));
  for (const [kind, question, want] of TABLE) {
    it(`${kind}: ${question}`, () => {
      const line = calculate(kind, question, TODAY);
      if (want === null) expect(line).toBeNull();
      else expect(line).toContain(want);
    });
  }
  it('a lone year never reads as a tenure (「2021年3月入职」 is not 21 years)', () => {
    expect(calculate('severance', '2021年3月入职', TODAY)).toBeNull();
  });
  it('severance months: full years, ≥6 months a year, <6 months half', () => {
    expect([0, 1, 5, 6, 12, 17, 18, 43].map(severanceMonths)).toEqual([0, 0.5, 0.5, 1, 1, 1.5, 2, 4]);
  });
  it('reads Chinese numerals', () => {
    expect(['五千五', '一万二', '1.2万', '十二', '两', '三千', '二十五'].map(parseNumber)).toEqual([5500, 12000, 12000, 12, 2, 3000, 25]);
  });
});
