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
      sessionId: string;
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
    /** The server-side session record's id (lib/sessions). */
    sid?: string;
    /** The provider's ID token, for RP-initiated logout's id_token_hint (lib/auth/logout). Never sent to the browser. */
    idToken?: string;
  }
}
