// Answers per second of the rights engine on one core, over a mix of rights, service, article and
// off-topic questions. `npm run bench` imports benchRights; run directly it prints the figure.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answerQuestion } from '../shared/rights/index.js';

const MIX = [
  '没签合同咋整', '骑手摔了算工伤不', '加班费咋算的', '是用期不给签合同 说转正了再签 这样对吗',
  '老板拖了我三个月工资不给 天天说下个月发 我该找谁', '年假有几天啊', '公司一直没给我交社保 我想辞职 能要补偿吗',
  '@工会小助手 工伤了老板想私了 给两万块让我签字 说以后两不相欠 能签吗', '意见第十七条讲了什么', '爱心餐怎么预约',
  '想去劳模工匠创新工作室参观学习 怎么报名', '报了明天的爱心餐 临时有事去不了 咋取消', '这周末天气咋样 想去水库钓鱼',
  '红烧肉咋做才好吃', '外头都40度了 还让我们在太阳底下铺路 合法吗', '怀孕了 公司说岗位调整要辞退我 合法吗',
  '在厂里干了两年零三个月 公司让我走 能拿几个月补偿', '劳动仲裁有时效吗 多久之内要去', '竞业限制最长能限制多久',
  '我们车间一大半都是派遣工 派遣工的比例有没有上限',
];

export async function benchRights(durationMs = 1000): Promise<{ answersPerSecond: number }> {
  for (let i = 0; i < 2000; i++) answerQuestion(MIX[i % MIX.length]); // warm up the JIT
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < MIX.length; i++) answerQuestion(MIX[i]);
    n += MIX.length;
    now = performance.now();
  }
  return { answersPerSecond: Math.round((n * 1000) / (now - start)) };
}

export interface EngineFootprint {
  heapMb: number;
  loadMs: number;
  topics: number;
  points: number;
}

/** The engine's loaded heap and load time, in a fresh Node process with GC exposed. */
export function engineFootprint(): EngineFootprint {
  const script = fileURLToPath(new URL('./rights-footprint.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as EngineFootprint;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { answersPerSecond } = await benchRights(2000);
  console.log(`rights engine: ${answersPerSecond} answers/s (one core)`);
  const f = engineFootprint();
  console.log(`loaded: ${f.topics} topics, ${f.points} points, ${f.heapMb.toFixed(1)} MB heap, ${Math.round(f.loadMs)} ms to load`);
}
