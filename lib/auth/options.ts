import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { isRole } from "./roles";
import { authSecret } from "./secret";
import { signInSchema } from "@/lib/schemas/auth";

export const authOptions: NextAuthOptions = {
  // JWT sessions: no session table, any instance can verify any request.
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  // A getter: read at request time, so `next build` needs no secret and no data directory.
  get secret() {
    return authSecret();
  },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await getDb().user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
        if (!user || user.disabledAt) return null;
        if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        const role = (user as { role?: unknown }).role;
        if (isRole(role)) token.role = role;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: string }).id = token.sub;
        (session.user as { role?: unknown }).role = token.role;
      }
      return session;
    },
  },
};
