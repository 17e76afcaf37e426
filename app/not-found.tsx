import { LinkButton } from "@/components/ui";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-3xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-600">There is nothing at this address. The snap may have been renamed or made private.</p>
      <LinkButton href="/" className="mt-6">
        Go to the home page
      </LinkButton>
    </div>
  );
}
