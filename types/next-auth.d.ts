import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    identity?: { subject: string; email: string; username?: string; name: string; groups: string[]; authTime: number; sessionId: string };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    groups?: string[];
    username?: string;
    authTime?: number;
    /** The server-side session record's id (lib/sessions); the token carries nothing else new. */
    sid?: string;
  }
}
