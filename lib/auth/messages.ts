/** Words the account pages and the /api/auth handler share (pure: the sign-in form imports it in the browser). */

/**
 * What every accepted e-mail sign-up answers, new address or not (lib/auth/server.ts says why). The form then signs
 * in with the same credentials, which succeeds exactly when they are the account's.
 */
export const SIGN_UP_RECEIVED = {
  status: "received",
  message:
    "If this e-mail address had no account here, it has one now: sign in with it. " +
    "If it already had one, nothing was changed: sign in with that account's password.",
} as const;

/** The sign-up went through but signing in with the same password did not: the address already had an account. */
export const SIGN_UP_THEN_SIGN_IN_FAILED =
  "Could not sign you in with this password. If this e-mail address already had an account, nothing was changed: " +
  "sign in with that account's password, or create an account with another address.";

/**
 * Sign-in cookies and better-auth's origin check belong to the site's one public address (PUBLIC_URL): a page opened
 * at another address of the same server (127.0.0.1 for localhost, a bare IP, another port) can never sign in.
 */
export function wrongOriginMessage(openedAt: string, siteOrigin: string): string {
  return (
    `Open this site at ${siteOrigin} to sign in or create an account: this page was opened at ${openedAt}, ` +
    `and signing in works only at the site's own address.`
  );
}
