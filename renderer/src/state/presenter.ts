/**
 * Presenter mode's pure parts: whether the page was opened to present (?present), what a key does,
 * moving through the scenarios, and the spec a scenario runs with on stage (its defaults: the card's
 * own first choice, so what the narration says is what the room sees).
 */
import type { ScenarioInfo } from '../../../contract/catalog.js';
import type { ScenarioSpecInput } from '../../../contract/schemas.js';

export const isPresenting = (search: string): boolean => new URLSearchParams(search).has('present');

/** The same address without ?present (the token and the rest stay). */
export function leavePresenter(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('present');
  return url.toString();
}

export type PresenterAction = 'next' | 'previous' | 'run' | 'leave';

/** Arrow keys and a clicker's PageUp/PageDown move; Enter or r runs; Escape leaves. */
export function actionOfKey(key: string): PresenterAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case 'n':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
    case 'p':
      return 'previous';
    case 'Enter':
    case 'r':
      return 'run';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/** The next or previous scenario, stopping at either end (a talk has a first and a last slide). */
export const stepIndex = (index: number, action: 'next' | 'previous', count: number): number =>
  Math.min(Math.max(0, index + (action === 'next' ? 1 : -1)), Math.max(0, count - 1));

/** What runs on stage: the scenario's defaults, or null when it needs Python and there is none. */
export function stageSpec(info: ScenarioInfo, hasPython: boolean): ScenarioSpecInput | null {
  if (info.defaultRuntime === 'python' && !hasPython) return null;
  return { name: info.name, mode: info.defaultMode, runtime: info.defaultRuntime };
}
