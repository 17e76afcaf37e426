import Link from "next/link";
import { Card } from "@/components/ui";
import { SignInForm } from "@/components/auth/SignInForm";

export const metadata = { title: "Sign in" };

function safeCallback(url: string | undefined): string {
  // Only same-site paths: an open redirect would let a link send people elsewhere after sign-in.
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Sign in</h1>
      <Card>
        <SignInForm callbackUrl={safeCallback(callbackUrl)} />
      </Card>
      <p className="mt-4 text-center text-sm text-gray-600">
        No account yet?{" "}
        <Link href="/signup" className="text-blue-700 underline">
          Create one
        </Link>
      </p>
    </div>
  );
}
