import { redirect } from "next/navigation";
import { getPortalUser } from "@/graphql/session/get-portal-session";
import { roleHomes } from "../_components/role-homes";

export default async function PortalIndex() {
  const user = await getPortalUser();
  redirect(user ? `/${roleHomes[user.role].path}` : "/sign-in");
}
