// /signin: Sign in (e-mail + password; GitHub and ORCID when configured).
import type { Metadata } from "next";
import { getEnv } from "@/lib/env";
import { AuthForm } from "@/app/(account)/auth-form";
import { configuredProviders, safeNext } from "@/app/(account)/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  return (
    <>
      <h1>Sign in</h1>
      <p className="lede">An account lets you submit models, follow their evaluation and keep private results.</p>
      <AuthForm mode="signin" next={next} providers={configuredProviders(getEnv())} siteOrigin={new URL(getEnv().PUBLIC_URL).origin} />
    </>
  );
}
