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
];

describe('rights engine: off topic', () => {
  it.each(OFFTOPIC)('declines 「%s」', (q) => {
    const a = answerQuestion(q);
    expect(a.answered).toBe(false);
    expect(a.topic).toBeNull();
    expect(a.citations).toEqual([]);
    expect(a.answer).toMatch(/法律咨询|12351/);
  });

  it('declines empty input', () => {
    expect(answerQuestion('').answered).toBe(false);
    expect(answerQuestion('？？？').answered).toBe(false);
  });
});
