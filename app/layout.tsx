// Root layout: header, main landmark with a skip link target, footer. No network fonts: system stack in globals.css.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Harmonization Leaderboard", template: "%s · Harmonization Leaderboard" },
  description:
    "The public leaderboard for human-aligned vision models: ClickMe human alignment against ImageNet accuracy, " +
    "after Fel et al., NeurIPS 2022.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
