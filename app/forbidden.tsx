import { LinkButton } from "@/components/ui";

export default function Forbidden() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-3xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-gray-600">Your account does not have access to this area. Ask an administrator if you need it.</p>
      <LinkButton href="/" className="mt-6">
        Go to the home page
      </LinkButton>
    </div>
  );
}
