/** Where the header's sign-in and sign-up links go: the account page with `next` = the page you are on, so you come back. */
const ACCOUNT_PAGES = new Set(["/signin", "/signup"]);

export function accountHref(to: "/signin" | "/signup", pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  // On the sign-in or sign-up page itself, keep where that page was headed instead of pointing back at it.
  const next = ACCOUNT_PAGES.has(pathname) ? params.get("next") : `${pathname}${params.size ? `?${params}` : ""}`;
  return next ? `${to}?${new URLSearchParams({ next })}` : to;
}
