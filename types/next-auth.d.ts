import 'next-auth';
import 'next-auth/jwt';
import type { GroupsClaimStatus } from '@/lib/auth/groups';

declare module 'next-auth' {
  interface Session {
    identity?: {
      subject: string;
      email: string;
      username?: string;
      name: string;
      groups: string[];
      groupsClaim: GroupsClaimStatus;
      authTime: number;
      /** The provider's own auth_time for step-up, 0 without one (lib/auth/auth-time.ts reauthTime). */
      reauthAt: number;
      sessionId: string;
      /** The ID token's `acr` and `amr` at sign-in (lib/auth/step-up.ts). */
      acr?: string;
      amr?: string[];
    };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    groups?: string[];
    username?: string;
    /** Whether the provider sent a groups claim (lib/auth/groups): the no-access page explains a missing one. */
    groupsClaim?: GroupsClaimStatus;
    authTime?: number;
    /** The provider's own auth_time for step-up, 0 without one (lib/auth/auth-time.ts reauthTime). */
    reauthAt?: number;
    /** How the provider says the operator signed in: `acr` and `amr` from the ID token (lib/auth/step-up.ts). */
    acr?: string;
    amr?: string[];
    /** The server-side session record's id (lib/sessions). */
    sid?: string;
    /** The provider's ID token, for RP-initiated logout's id_token_hint (lib/auth/logout). Never sent to the browser. */
    idToken?: string;
  }
}
