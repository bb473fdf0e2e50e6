// npm run ask -- "问题"        readable answer
// npm run ask -- --json "问题"  the answer object (API.md)
// npm run ask -- --jsonl       one question per stdin line → one answer object per line, in order
import { createInterface } from 'node:readline';
import { answerQuestion, type RightsAnswer } from '../shared/rights/index.js';

function readable(a: RightsAnswer): string {
  const lines = [a.answer];
  if (a.citations.length) {
    lines.push('', '依据：' + a.citations.map((c) => (c.source === '意见' ? `《意见》（${c.article}）` : `《${c.source}》${c.article}`)).join('、'));
  }
  for (const l of a.links) lines.push(`→ ${l.title}：${l.page}`);
  if (!a.answered) lines.push('（未作答）');
  return lines.join('\n');
}

async function jsonl(): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) process.stdout.write(JSON.stringify(answerQuestion(line)) + '\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--jsonl')) return jsonl();
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ').trim();
  if (!question) {
    console.error('用法: npm run ask -- "老板不给签合同怎么办"  [--json]  |  npm run ask -- --jsonl < 问题.txt');
    process.exit(2);
  }
  const a = answerQuestion(question);
  console.log(json ? JSON.stringify(a, null, 2) : readable(a));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
