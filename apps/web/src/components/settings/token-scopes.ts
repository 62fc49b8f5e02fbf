import type { RouterInputs } from "@parley/api";

export type Scope = RouterInputs["tokens"]["create"]["scopes"][number];

export const SCOPES: { scope: Scope; label: string; description: string; adminOnly?: boolean }[] = [
  { scope: "read", label: "Read", description: "Read discussions, messages and agent results" },
  { scope: "write", label: "Write", description: "Post, edit and delete as you, and ask the agent" },
  {
    scope: "admin",
    label: "Admin",
    description: "Use your moderator and admin rights (labels, moderation, settings)",
    adminOnly: true,
  },
];

export const EXPIRY_CHOICES = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
] as const;
