import { signOutAction } from '@/lib/auth/sign-out';

/** A form, not a script: signing out works before hydration and without next-auth's client. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="button">
        Sign out
      </button>
    </form>
  );
}
