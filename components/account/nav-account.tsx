"use client";
// Header links for submitting and the account; the session is read in the browser so pages stay cacheable.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth/client";

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
          <Link href="/signin">Sign in</Link>
        </li>
      )}
    </ul>
  );
}
