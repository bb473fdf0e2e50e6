import { useEffect, useState } from 'react';
import { isLargeText, onTextSizeChange } from '../services/textSize';

/**
 * The page root's class for 大字版: 'large-text' when on. Every page root carries it, so the sizes
 * in app.css (each × var(--ts), config/text-scale.js) grow together, on weapp and h5.
 */
export function useTextSize(): string {
  const [large, setLarge] = useState(isLargeText);
  useEffect(() => onTextSizeChange(() => setLarge(isLargeText())), []);
  return large ? 'large-text' : '';
}
