import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and pg are server-only; keep them out of the bundler so the wasm/data files resolve from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
