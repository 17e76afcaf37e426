import Link from "next/link";
import { Card } from "@/components/ui";
import { SignInForm } from "@/components/auth/SignInForm";
import { callbackOrHome } from "@/lib/auth/callback";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Sign in</h1>
      <Card>
        <SignInForm callbackUrl={callbackOrHome(callbackUrl)} />
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
