import { Alert } from "../../ui/alert";

/** Moderators see the admin area, but webhooks are for admins only (the API refuses them too). */
export function AdminsOnly() {
  return (
    <Alert tone="info" className="max-w-xl">
      Webhooks are managed by admins.
    </Alert>
  );
}
