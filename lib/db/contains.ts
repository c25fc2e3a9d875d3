/**
 * A case-insensitive substring filter for Prisma that means the text
 * literally. Prisma 7 puts a `contains` value into `ILIKE '%' || $1 || '%'`
 * unescaped, so "%" or "_" in a search would match anything; escaped with
 * ILIKE's default escape character they match themselves. (Still a bound
 * parameter: quotes and markup are harmless either way.)
 */
export function containsText(text: string) {
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
}
