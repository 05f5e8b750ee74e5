/**
 * A clear banner when the link to the engine is gone: the charts stop moving, the page says why and
 * that it is reconnecting, or, when the server refuses its token, how to get the new address.
 */
import type { ConnectionState } from '../bridge/connection.js';

export function ConnectionBanner({ state, loadError }: { state: ConnectionState; loadError: string | null }) {
  if (state.status === 'closed' && state.final)
    return (
      <div className="banner banner-error" role="alert">
        <b>No engine.</b> {state.reason}.
      </div>
    );
  if (state.status === 'closed' && state.refused)
    return (
      <div className="banner banner-error" role="alert">
        <b>This page’s token was refused.</b> {state.reason.replace(/^the server/, 'The server')}.
      </div>
    );
  if (state.status === 'closed')
    return (
      <div className="banner banner-error" role="alert">
        <b>Connection lost.</b> {state.reason}.{' '}
        {state.retryInMs !== undefined
          ? 'Reconnecting by itself (trying again every few seconds); runs cannot be started or stopped until then.'
          : 'Reload the page once the server runs again.'}
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
