/**
 * Lock audit for the test suites: every server a test starts (in process, or as a child process
 * with LOCK_AUDIT=1) reports refused writes here, and lock-audit-setup.ts fails the test that made
 * one. A test that provokes a violation on purpose takes it with `takeViolations()`.
 */
const seen: string[] = [];

/** The marker a server process prints before a violation (server/main.ts). */
export const CHILD_MARKER = '[lock-audit]';

export function reportViolation(message: string): void {
  seen.push(message);
}

/** Every violation so far, removed from the list. */
export function takeViolations(): string[] {
  return seen.splice(0);
}

/** A listener for one server process's output that picks out its violation lines. */
export function outputWatcher(): (chunk: Buffer | string) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const at = line.indexOf(CHILD_MARKER);
      if (at >= 0) reportViolation(line.slice(at + CHILD_MARKER.length).trim());
    }
  };
}
