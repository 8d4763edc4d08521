import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    identity?: { subject: string; email: string; username?: string; name: string; groups: string[]; authTime: number };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    groups?: string[];
    username?: string;
    authTime?: number;
  }
}
