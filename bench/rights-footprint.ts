// Loaded memory and load time of the rights engine, measured in a fresh process (run with
// --expose-gc): heap after a full GC before and after importing the module.
export {};
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const before = process.memoryUsage().heapUsed;
const start = performance.now();
const rights = await import('../shared/rights/index.js');
const loadMs = performance.now() - start;
rights.answerQuestion('没签合同咋整');
collect?.();
const heapMb = (process.memoryUsage().heapUsed - before) / 1e6;
const points = rights.KNOWLEDGE.topics.reduce((n, t) => n + t.points.length, 0);
process.stdout.write(JSON.stringify({ heapMb, loadMs, topics: rights.KNOWLEDGE.topics.length, points }) + '\n');
