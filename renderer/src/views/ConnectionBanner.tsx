/** A clear banner when the link to the engine is gone: the charts stop moving and the page says why. */
import type { ConnectionState } from '../bridge/connection.js';

export function ConnectionBanner({ state, loadError }: { state: ConnectionState; loadError: string | null }) {
  if (state.status === 'closed' && state.final)
    return (
      <div className="banner banner-error" role="alert">
        <b>No engine.</b> {state.reason}.
      </div>
    );
  if (state.status === 'closed')
    return (
      <div className="banner banner-error" role="alert">
        <b>Disconnected.</b> {state.reason}. What you see is the last data received; reload the page once the server runs again.
      </div>
    );
  if (loadError)
    return (
      <div className="banner banner-error" role="alert">
        <b>Could not reach the engine:</b> {loadError}
      </div>
    );
  return null;
}
