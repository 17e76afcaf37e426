// Messages from the rules (policy explanations, review reasons, page descriptions) mark commands
// and names with markdown backticks; show those spans as code instead of literal backticks. Only
// inline code: the rest of the text stays plain (no markdown renderer for one-line messages).
import { Fragment } from "react";
import { splitInlineCode } from "@/lib/vocabulary";

export function CodeText({ text }: { text: string }) {
  return (
    <>
      {splitInlineCode(text).map((p, i) =>
        p.code ? (
          <code key={i} className="rounded bg-gray-100 px-1 font-mono text-[0.9em] text-gray-900">
            {p.text}
          </code>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}
