import Link from "next/link";
import { Card } from "@/components/ui";
import { SignUpForm } from "@/components/auth/SignUpForm";

export const metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Create an account</h1>
      <Card>
        <SignUpForm />
      </Card>
      <p className="mt-4 text-center text-sm text-gray-600">
        Already have an account?{" "}
        <Link href="/signin" className="text-blue-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
