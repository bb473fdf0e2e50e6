import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../shared/rights/index.js';

// Off-topic questions of our own writing: the engine must decline them politely.
const OFFTOPIC = [
  '明天会下雨吗', '帮我写一首关于秋天的诗', '推荐一部好看的电影', '比特币还会涨吗', '今晚吃火锅还是烧烤',
  '湖人队昨天赢了没', '怎么减肥最快', '帮我算一下星座运势', '手机屏幕碎了去哪修', '小孩发烧39度吃什么药',
  '北京到上海高铁要多久', '给我讲个鬼故事', '帮我翻译一句英语', '房价明年会跌吗', '狗狗不吃饭怎么办',
  '王者荣耀怎么上分', '哪个牌子的电动车好', '周杰伦演唱会门票多少钱', '帮我查一下我邻居的电话号码', '1加1等于几',
  '你觉得美国大选谁会赢', '西红柿炒蛋怎么做', '附近哪里有加油站', '怎么追女朋友', '推荐个好玩的游戏',
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
