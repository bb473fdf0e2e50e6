import { calculate } from './shared/rights/calculators.js';
console.log(calculate(process.argv[2] as any, process.argv[3], '2026-12-04'));
