import { notFound } from "next/navigation";
import { requestAddress, requireViewer } from "@/lib/auth/session";
import { accountExists } from "@/lib/queries/exists";
import { routeId } from "@/lib/queries/params";

type Props = { children: React.ReactNode; params: Promise<{ accountId: string }> };

/**
 * Every page of one account: a signed-out visitor is sent to sign in (and back
 * to this very view), and an unknown account answers 404, here, before the
 * timeline's loading skeleton starts streaming (after that the status is sent).
 */
export default async function AccountLayout({ children, params }: Props) {
  const accountId = routeId((await params).accountId);
  if (accountId === null) notFound();
  await requireViewer("read", await requestAddress());
  if (!(await accountExists(accountId))) notFound();
  return children;
}
