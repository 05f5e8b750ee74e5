/**
 * The theme follows the system (prefers-color-scheme, in CSS). Canvas drawing can't use CSS variables
 * directly, so it reads them; this hook says when to read them again.
 */
import { useEffect, useState } from 'react';

export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const bump = () => setVersion((v) => v + 1);
    mq.addEventListener('change', bump);
    return () => mq.removeEventListener('change', bump);
  }, []);
  return version;
}

/** The value of a CSS custom property on the document root, e.g. cssVar('--heat-2'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
