import type { Calculator } from './schema.js';

/** A figure worked out from what the question states, or null (silence) when it does not state enough. */
export function calculate(kind: Calculator, question: string, today?: string): string | null {
  void kind; void question; void today;
  return null;
}
