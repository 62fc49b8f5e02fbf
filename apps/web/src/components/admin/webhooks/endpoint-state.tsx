import { Badge } from "../../ui/badge";
import { RelativeTime } from "../../ui/relative-time";
import { type WebhookEndpoint } from "./types";

/** Enabled, failing (since when) or disabled (and why): what an admin must notice first. */
export function EndpointState({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (!endpoint.enabled) {
    return (
      <div className="space-y-1">
        <Badge tone="closed">Disabled</Badge>
        {endpoint.disabledReason ? <p className="text-xs text-red-800">{endpoint.disabledReason}</p> : null}
      </div>
    );
  }
  if (endpoint.failingSince) {
    return (
      <div className="space-y-1">
        <Badge tone="amber">Failing</Badge>
        <p className="text-xs text-amber-900">
          Every delivery failing since <RelativeTime iso={endpoint.failingSince} />
        </p>
      </div>
    );
  }
  return <Badge tone="open">Enabled</Badge>;
}
