/** The parts of `text` split around each case-insensitive occurrence of `term`, matches marked. */
export function splitMatches(text: string, term: string): { text: string; match: boolean }[] {
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  // Some characters change length when lowered; then the offsets would not fit: show the text plain.
  if (!needle || lower.length !== text.length) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** Text with what the search matched in it highlighted (React escapes both: markup in either is shown as text). */
export function Highlight({ text, term }: { text: string; term: string }) {
  return (
    <>
      {splitMatches(text, term).map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
