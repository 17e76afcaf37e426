import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticate, clientAddress } from "@/lib/server/signin";
import { safeCallbackPath } from "./callback";
import { isRole } from "./roles";
import { authSecret } from "./secret";
import { signInSchema } from "@/lib/schemas/auth";

export const authOptions: NextAuthOptions = {
  // JWT sessions: no session table, any instance can verify any request. Revocation is the
  // user's sessionVersion, which the JWT carries and getCurrentUser compares.
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
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        try {
          const user = await authenticate(getDb(), { ...parsed.data, address: clientAddress((h) => headers[h]) });
          return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
        } catch (err) {
          if (err instanceof AppError && err.code === "invalid-credentials") return null;
          // next-auth hands a thrown message to the form as `error` (the rate limit's "try again in …").
          if (err instanceof AppError) throw new Error(err.message, { cause: err });
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        const role = (user as { role?: unknown }).role;
        if (isRole(role)) token.role = role;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: string }).id = token.sub;
        (session.user as { role?: unknown }).role = token.role;
        (session.user as { sv?: unknown }).sv = token.sv;
      }
      return session;
    },
    // Same-origin paths only, whatever callbackUrl the sign-in or sign-out request carried.
    async redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? safeCallbackPath(url.slice(baseUrl.length) || "/") : safeCallbackPath(url);
      return `${baseUrl}${path ?? "/"}`;
    },
  },
};
