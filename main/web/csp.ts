/**
 * The Content-Security-Policy of every CoreScope page, desktop and browser alike: only the app's own
 * scripts, no eval, no plugins, no framing, and connections only back to where the page came from.
 * (React sets element styles through the DOM, which style-src 'unsafe-inline' is needed for with recharts.)
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
