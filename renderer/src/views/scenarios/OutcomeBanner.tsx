/**
 * Expected vs actual, in one banner above the timeline: what the article says should happen (with this
 * run's numbers) and what happened here, marked as agreeing or not once the run has ended.
 */
import type { ScenarioRun } from '../../state/scenario-runs.js';
import { VERDICT_WORDS, outcomeText } from '../../state/scenario-outcome.js';

export function OutcomeBanner({ run }: { run: ScenarioRun }) {
  const text = outcomeText(run.spec, run.result);
  return (
    <section className={`outcome outcome-${text.verdict}`} aria-label="outcome" data-verdict={text.verdict}>
      <span className="outcome-verdict">{VERDICT_WORDS[text.verdict]}</span>
      <p className="outcome-expected">{text.expected}</p>
      <p className="outcome-actual">{text.actual ?? 'Here: …'}</p>
    </section>
  );
}
