import { notFound } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/session";
import { accountExists } from "@/lib/queries/exists";

type Props = { children: React.ReactNode; params: Promise<{ accountId: string }> };

/**
 * Every page of one account: an unknown account answers 404 here, before the
 * page's loading skeleton starts streaming (after that the status is sent).
 * Signed-out visitors go on to the page, which sends them to sign in.
 */
export default async function AccountLayout({ children, params }: Props) {
  const { accountId } = await params;
  if ((await currentPrincipal()) && !(await accountExists(accountId))) notFound();
  return children;
}
