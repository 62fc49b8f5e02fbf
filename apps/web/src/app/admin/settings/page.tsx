import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { ModerationPolicyEditor } from "~/components/admin/settings/moderation-policy-editor";
import { RateLimitsEditor } from "~/components/admin/settings/rate-limits-editor";
import { SettingsSection } from "~/components/admin/settings/settings-section";
import { StyleGuideEditor } from "~/components/admin/settings/style-guide-editor";
import { Alert } from "~/components/ui/alert";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  const user = await staffAccount();
  if (!user) return null;
  if (user.role !== "admin") {
    return (
      <>
        <AdminPageHeader title="Settings" />
        <Alert tone="info">Site settings (rate limits, the moderation policy, the drafts&apos; style guide) are for admins.</Alert>
      </>
    );
  }
  const api = await serverApi();
  const [rateLimits, { styleGuide }, policy] = await Promise.all([api.admin.rateLimits(), api.admin.styleGuide(), api.admin.moderationPolicy()]);
  return (
    <>
      <AdminPageHeader title="Settings" description="Site-wide settings. Every change is recorded in the audit log." />
      <div className="space-y-8">
        <SettingsSection title="Posting policy" description="Every new and edited message goes through the toxicity check before it is stored.">
          <ModerationPolicyEditor initial={policy} />
        </SettingsSection>
        <SettingsSection title="Reply drafts" description="The agent's reply drafts follow this guide.">
          <StyleGuideEditor initial={styleGuide} />
        </SettingsSection>
        <SettingsSection
          title="Rate limits"
          description="Enforced on the server for every instance. New accounts (younger than a day) have their own, stricter limits. A scope you change here overrides the shipped default."
        >
          <RateLimitsEditor initial={rateLimits} />
        </SettingsSection>
      </div>
    </>
  );
}
