import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'WorkMail Reset Portal', template: '%s · WorkMail Reset Portal' },
  description: 'Reset AWS WorkMail mailbox passwords safely.',
  robots: { index: false, follow: false },
};

// Every page is rendered per request: the CSP nonce (proxy.ts) and the operator differ each time.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
