import type { NextConfig } from 'next';
import { LIVENESS_HEADERS } from './lib/security-headers';

const nextConfig: NextConfig = {
  // No "X-Powered-By" fingerprint for a privileged admin tool.
  poweredByHeader: false,
  // A self-contained server (node .next/standalone/server.js) for production images: docs/deployment.md.
  output: 'standalone',
  reactStrictMode: true,
  // `npm test` runs `tsc --noEmit` before it builds; a second type check inside the build only
  // costs time there. Every other build (npm run build, the demo, production) still checks.
  typescript: { ignoreBuildErrors: process.env.PORTAL_TYPES_CHECKED === '1' },
  // The liveness answer is a file (public/api/health) served by Next's own file server before the
  // proxy and the App Router: the headers a JSON file needs, with the same security headers as
  // every page (docs/decisions/010-request-cost.md).
  async headers() {
    return [{ source: '/api/health', headers: Object.entries(LIVENESS_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  experimental: {
    serverActions: {
      // A reset form is a few hundred bytes (proxy.ts refuses larger bodies with a 413 first).
      bodySizeLimit: '64kb',
      // Behind a reverse proxy whose host differs from the portal's, list it in ALLOWED_ORIGINS.
      // (Next.js reads this file itself; lib/config.ts validates the same variable.)
      allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
  },
};

export default nextConfig;
