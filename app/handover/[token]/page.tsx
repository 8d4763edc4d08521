import type { Metadata } from 'next';
import { HandoverReveal, LinkGone } from '@/components/handover-reveal';
import { viewLink } from '@/lib/handover/reveal';
import { utcDateTime } from '@/lib/text/utc';

export const metadata: Metadata = { title: 'Your new password' };

/**
 * The one-time link's page (docs/handover.md): no sign-in, since the person may be locked out.
 * Opening it only reads who reset the password and when; the password needs the button's POST.
 */
export default async function HandoverPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await viewLink(token);
  return (
    <main className="page narrow">
      <h1>Your new mailbox password</h1>
      {link.state === 'ready' ? (
        <>
          <p>
            <bdi>{link.operatorName}</bdi> reset your mailbox password at {utcDateTime(link.resetAt)}.
          </p>
          <p>The password is shown once. Press the button when you are ready to copy it or write it down.</p>
          <HandoverReveal token={token} />
        </>
      ) : (
        <LinkGone operatorName={link.operatorName} />
      )}
    </main>
  );
}
