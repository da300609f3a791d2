"use client";
// Header links for submitting and the account; the session is read in the browser so pages stay cacheable.
// "Sign in" carries next=<this page's path and query>, so signing in comes back here.
import Link from "next/link";
import { Suspense } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { accountHref } from "./sign-in-href";

function SignInLink() {
  const pathname = usePathname();
  const search = useSearchParams();
  return <Link href={accountHref("/signin", pathname, search.toString())}>Sign in</Link>;
}

/** While a statically rendered page has not read its query (useSearchParams suspends there), the path alone. */
function SignInLinkWithoutQuery() {
  return <Link href={accountHref("/signin", usePathname(), "")}>Sign in</Link>;
}

export function NavAccount() {
  const router = useRouter();
  const { data, isPending } = authClient.useSession();
  const user = data?.user as { name: string; role?: string } | undefined;
  return (
    <ul className="nav-list" aria-label="Account">
      <li>
        <Link href="/submit">Submit</Link>
      </li>
      {isPending ? null : user ? (
        <>
          <li>
            <Link href="/submissions">My submissions</Link>
          </li>
          {user.role === "admin" && (
            <li>
              <Link href="/admin">Admin</Link>
            </li>
          )}
          <li>
            <Link href="/account">{user.name}</Link>
          </li>
          <li>
            <button
              type="button"
              onClick={() =>
                authClient.signOut().then(() => {
                  router.push("/");
                  router.refresh();
                })
              }
            >
              Sign out
            </button>
          </li>
        </>
      ) : (
        <li>
          <Suspense fallback={<SignInLinkWithoutQuery />}>
            <SignInLink />
          </Suspense>
        </li>
      )}
    </ul>
  );
}
