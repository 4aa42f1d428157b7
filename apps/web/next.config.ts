// Next.js config for the studio. The @riffle packages ship TypeScript sources (src/index.ts,
// extensionless imports), so Next compiles them; nothing is fetched from the network.
import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: [
    "@riffle/topology",
    "@riffle/expr",
    "@riffle/sql",
    "@riffle/codegen",
    "@riffle/templates",
  ],
  // `next dev` refuses /_next/* from 127.0.0.1 unless listed (tests browse either host).
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  reactStrictMode: true,
  poweredByHeader: false,
  devIndicators: false,
  // Types are checked by `npm run typecheck` (and CI); the build itself only compiles, so a
  // type change in a package being edited never stops `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default config;
