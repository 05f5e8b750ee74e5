/** In the launcher's place on a view-only link: what this page can and cannot do, and where the controls are. */
export function ViewOnlyNote() {
  return (
    <section className="panel launcher view-only-note" aria-labelledby="view-only-title">
      <div className="panel-head">
        <h2 id="view-only-title">View-only link</h2>
      </div>
      <p>You see every run, scenario and study as it happens. Starting, stopping and settings belong to whoever holds the control link printed by <code>corescope serve</code>.</p>
    </section>
  );
}
