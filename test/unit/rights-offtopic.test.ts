import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../shared/rights/index.js';

// Off-topic questions of our own writing: the engine must decline them politely.
const OFFTOPIC = [
  '明天会下雨吗', '帮我写一首关于秋天的诗', '推荐一部好看的电影', '比特币还会涨吗', '今晚吃火锅还是烧烤',
  '湖人队昨天赢了没', '怎么减肥最快', '帮我算一下星座运势', '手机屏幕碎了去哪修', '小孩发烧39度吃什么药',
  '北京到上海高铁要多久', '给我讲个鬼故事', '帮我翻译一句英语', '房价明年会跌吗', '狗狗不吃饭怎么办',
  '王者荣耀怎么上分', '哪个牌子的电动车好', '周杰伦演唱会门票多少钱', '帮我查一下我邻居的电话号码', '1加1等于几',
  '你觉得美国大选谁会赢', '西红柿炒蛋怎么做', '附近哪里有加油站', '怎么追女朋友', '推荐个好玩的游戏',
  // with work words in them
  '单位年会表演什么节目好',
  '工会组织的篮球赛谁赢了',
  '上班路上哪家早餐好吃',
  '我们车间主任人怎么样',
  '老板让我帮他买烟',
  '公司团建去哪玩好',
  '单位让我写年终总结 怎么写',
  '工友生日送什么礼物',
  '加班到很晚 回家打车贵不贵',
  '离职了 想去学做蛋糕',
  '我想换个工作 哪个行业好',
  '上班摸鱼会被发现吗',
  '公司楼下停车收费吗',
  '帮我写份入职自我介绍',
  '工会主席讲话稿帮我写一个',
  '工资高的工作推荐一下',
  '车间里的机器怎么修',
  '同事借了我五百块不还',
  '老板娘长得漂亮吗',
  '上班的时候可以听歌吗',
  '怎么跟领导搞好关系',
  '职工之家app怎么下载',
  '工地附近有没有便宜的出租屋',
  '劳动节去哪旅游人少',
  '我们厂的产品质量怎么样',
  '今晚央视放什么节目',
  '帮我想个微信昵称',
  '工地食堂的菜太咸了',
  '想给老板送礼 送什么好',
  '怎么在网上买车票',
  '帮我算下个税怎么交',
  '工友群里有人发广告怎么踢了他',
  '我们老板最近好像生病了',
  '哪里能买到便宜的电瓶',
  '今天是几号',
  '老乡介绍个对象 要彩礼二十万',
  '车被贴罚单了怎么交',
  '怎么戒烟',
  '骑电动车要戴头盔吗',
  '单位附近有没有好吃的',
  '帮我看看这个合同的字体好看吗',
  '怎么用手机拍好看的照片',
  '上班穿什么衣服好看',
  '我的电动车充电器坏了',
  '帮我把这段话翻译成英文',
  '我们车间的小王人怎么样',
  '推荐几本好看的小说',
  '工厂附近的房子要不要买',
  '我想学做饭 从哪开始',
  '楼下的快递柜怎么用',
  '孩子不听话怎么办',
  '附近有没有修电动车的',
  '今年中秋节月饼哪家好',
  '老家的房子漏水了',
  '我们厂的食堂饭菜太难吃了',
  '老板过生日 大家凑钱买啥礼物',
  '工友都在玩什么手机游戏',
  '下班后去哪里钓鱼',
  '车间主任长得像明星',
  '公司年会抽奖抽到了手机',
  '同事结婚随多少礼金',
  '明天上班要带伞吗',
  '工地上的狗生小狗了',
  '加班的时候点什么外卖好吃',
  '老板新买的车多少钱',
  '厂里的空调遥控器找不到了',
  '工资卡办哪个银行的好',
  '怎么在网上查快递',
  '哪个牌子的安全鞋穿着舒服',
  '工会的篮球场晚上开放吗',
  '晚上睡不着怎么办',
  '帮我算一下一个月工资六千 一年多少钱',
  '明年春节几号放假',
  '公司组织体检 要空腹吗',
  '最近猪肉多少钱一斤',
  '骑电动车上班要不要上牌',
  '怎么给孩子报补习班',
  '我想学英语',
  '附近哪家理发店便宜',
  '给我讲讲三国演义',
  '工友们周末想去爬山 去哪好',
  '老板让我帮他接孩子放学',
  '夏天吃什么水果好',
  '给我推荐个手机',
  '现在几点了',
  '讲个故事给我听',
  '我想考驾照 去哪个驾校好',
  '今天晚上吃啥',
  '哈哈哈哈',
  '👍👍👍',
  '早上好各位工友',
  '附近哪个超市打折',
  '怎么下载抖音',
  '怎么做酸菜鱼',
  '周末带孩子去哪玩',
  '谢谢小助手',
  '哪里可以买到便宜的工作服',
  '我们厂招人 帮我发个招聘',
  '推荐一个记账app',
  '这个月工资发了 好开心',
  '中午吃的红烧肉太油了',
  '明天要下雪吗 上班路滑不滑',
  '大家晚上好 今天加班的都辛苦了',
  '明天会不会下大雨 要不要收衣服',
  '下周降温吗 要穿羽绒服不',
  '基金最近亏了好多 要不要割肉',
  '比亚迪的股票能买吗',
  '排列三今天开什么号',
  '刮刮乐怎么中奖率高',
  '帮孩子检查一下数学作业',
  '给我写一篇关于劳动节的作文',
  '说个段子听听',
  '上夜班太无聊了 陪我聊聊天',
  '我血压有点高 吃什么药好',
  '腰疼得厉害 是不是腰椎间盘突出 该挂什么科',
  '牙疼怎么办',
  '某某明星偷税漏税了吗',
  '听说隔壁厂老板跟秘书好上了',
  '帮我查一下工友老李的电话',
  '我想知道同事小张一个月挣多少',
  '帮我查查这个人的车牌号',
  '你对中美关系怎么看',
  '你支持哪个党派',
  '饺子馅怎么调好吃',
  '亚运会中国拿了多少金牌',
  '怎么养多肉植物',
  '周末电影院放什么片子',
  '怎么给手机清内存',
  '今天股市涨了吗',
  '帮我写个朋友圈文案',
];

/**
 * Share of OFFTOPIC that must be declined. Measured 2026-12-02: 144 of 155 (92.9%); the misses are
 * chit-chat built on work words (「上班的时候可以听歌吗」). A floor against regressions, not a target.
 */
const MIN_DECLINED = 0.92;

describe('rights engine: off topic', () => {
  const answers = OFFTOPIC.map((q) => ({ q, a: answerQuestion(q) }));

  it(`declines at least ${MIN_DECLINED * 100}% of ${OFFTOPIC.length} questions`, () => {
    const answered = answers.filter((x) => x.a.answered);
    expect(1 - answered.length / OFFTOPIC.length, answered.map((x) => `${x.q} → ${x.a.topic}`).join('\n')).toBeGreaterThanOrEqual(MIN_DECLINED);
  });

  it('a decline cites nothing and points to the lawyer, the hotline or what the bot does answer', () => {
    for (const { a } of answers.filter((x) => !x.a.answered)) {
      expect(a.topic).toBeNull();
      expect(a.citations).toEqual([]);
      expect(a.answer).toMatch(/法律咨询|12351|12348|劳动维权/);
    }
  });

  it('declines empty input', () => {
    expect(answerQuestion('').answered).toBe(false);
    expect(answerQuestion('？？？').answered).toBe(false);
  });
});

describe('rights engine: the bot name', () => {
  it('is stripped before matching, and does not by itself make a question one about work', () => {
    expect(answerQuestion('工友小助手 加班费怎么算').topic).toBe(answerQuestion('加班费怎么算').topic);
    expect(answerQuestion('小助手 最近猪肉多少钱一斤').answered).toBe(false);
  });
});

describe('rights engine: words a topic requires, and company words', () => {
  it('a question without 试用 or a commute word is not taken for probation or a commuting accident', () => {
    expect(answerQuestion('想辞职 厂里说要提前三个月打报告 不然扣一个月工资').topic).toBe('resignation.notice_period');
    expect(answerQuestion('在车间被叉车撞了腿骨折 厂里只付了医药费 说没交工伤保险').topic?.startsWith('commuting_accident.')).toBe(false);
    expect(answerQuestion('下班路上被电动车撞了 对方全责 算工伤吗').topic).toBe('commuting_accident.traffic_rule');
  });
  it('公司 alone never shelters a question of another area of law (it normalises like 用人单位)', () => {
    expect(answerQuestion('开车追尾了前车 保险公司说只赔一部分 剩下的钱谁出').answered).toBe(false);
    expect(answerQuestion('我们公司被合作公司起诉违反代理合同 要赔100万 应诉准备什么').answered).toBe(false);
  });
});

describe('rights engine: questions about the 意见 itself', () => {
  it('quotes the 意见 sentences nearest the subject, citing their articles', () => {
    const a = answerQuestion('意见里对劳务派遣是怎么说的');
    expect(a.answer).toContain('严格规范劳务派遣用工');
    expect(a.citations).toContainEqual(expect.objectContaining({ source: '意见', article: '十五' }));
  });
  it('「意见」 as someone’s opinion is no question about the 意见', () => {
    expect(answerQuestion('平台超时一单扣50 说改规则就改规则 也不问我们骑手的意见 这合理吗').topic).not.toBe('opinion_article');
  });
  it('two points that answer the same thing are not offered as a choice', () => {
    expect(answerQuestion('产假国家规定多少天')).toMatchObject({ answered: true });
  });
});

describe('rights engine: a fever is no heat', () => {
  it('「发烧39度」 is a medical question, declined; 「40度」 outdoors is heat', () => {
    expect(answerQuestion('孩子发烧39度要不要去医院 退烧药吃多少').answered).toBe(false);
    expect(answerQuestion('工地上40度了还让我们在外面干 有高温补贴吗').topic).toMatch(/^high_temperature\./);
  });
});
