import { notFound, redirect } from "next/navigation";
import { LISTING_CATEGORY_SLUGS } from "@/lib/schemas/listing";

/** A category page is the search page filtered by the category (one page to keep right). */
export default async function CategoryPage({ params }: { params: Promise<{ category: string }> }) {
  const { category } = await params;
  if (!(LISTING_CATEGORY_SLUGS as readonly string[]).includes(category)) notFound();
  redirect(`/search?category=${category}`);
}
