/**
 * After `next build`: copies what the standalone server does not trace itself (the browser
 * bundles in .next/static, and public/ when there is one) into .next/standalone, so that
 * `node .next/standalone/server.js` serves the whole portal (docs/deployment.md).
 */
import { cpSync, existsSync } from 'node:fs';

if (!existsSync('.next/standalone/server.js')) {
  console.error('No .next/standalone/server.js: run next build with output "standalone" first.');
  process.exit(1);
}
cpSync('.next/static', '.next/standalone/.next/static', { recursive: true });
if (existsSync('public')) cpSync('public', '.next/standalone/public', { recursive: true });
console.log('standalone server ready: node .next/standalone/server.js');
