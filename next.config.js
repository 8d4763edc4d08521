// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // No "X-Powered-By" fingerprint for a privileged admin tool.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
