/** vitest setup file: a test fails if any server it used wrote without the locks the write needs. */
import { afterEach } from 'vitest';
import { takeViolations } from './lock-audit.js';

afterEach(() => {
  const v = takeViolations();
  if (v.length > 0) throw new Error(`${v.length} write(s) without their locks:\n${v.join('\n')}`);
});
