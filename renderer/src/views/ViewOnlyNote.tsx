/**
 * In the launcher's place when this page can start nothing: on a view-only link (where the controls
 * are), or in a replay (a recording plays as it was shown; the bar above moves through it).
 */
export function ViewOnlyNote({ replay }: { replay: boolean }) {
  return (
    <section className="panel launcher view-only-note" aria-labelledby="view-only-title">
      <div className="panel-head">
        <h2 id="view-only-title">{replay ? 'Replay of a recording' : 'View-only link'}</h2>
      </div>
      {replay ? (
        <p>Every run, scenario and study plays here as it was recorded; the bar above plays, pauses and moves through it. Nothing can be started or stopped from a recording.</p>
      ) : (
        <p>You see every run, scenario and study as it happens. Starting, stopping and settings belong to whoever holds the control link printed by <code>corescope serve</code>.</p>
      )}
    </section>
  );
}
