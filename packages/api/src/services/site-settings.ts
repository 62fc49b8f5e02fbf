import { STYLE_GUIDE_SETTING } from "@parley/agent/contracts";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";

export async function readStyleGuide(db: Database): Promise<string | null> {
  const row = await db.siteSetting.findUnique({
    where: { key: STYLE_GUIDE_SETTING },
    select: { value: true },
  });
  return typeof row?.value === "string" ? row.value : null;
}

/** Sets (or, with null or blank, clears) the drafts' style guide, with an audit-log row. */
export async function writeStyleGuide(
  db: Database,
  viewer: Viewer,
  styleGuide: string | null,
): Promise<string | null> {
  const next = styleGuide?.trim() ? styleGuide.trim() : null;
  return db.$transaction(async (tx) => {
    const before = await tx.siteSetting.findUnique({
      where: { key: STYLE_GUIDE_SETTING },
      select: { value: true },
    });
    if (next === null) await tx.siteSetting.deleteMany({ where: { key: STYLE_GUIDE_SETTING } });
    else
      await tx.siteSetting.upsert({
        where: { key: STYLE_GUIDE_SETTING },
        create: { key: STYLE_GUIDE_SETTING, value: next },
        update: { value: next },
      });
    await tx.auditLog.create({
      data: {
        actorId: viewer.id,
        action: "settings.styleGuide",
        targetType: "site_setting",
        targetId: STYLE_GUIDE_SETTING,
        before: { styleGuide: typeof before?.value === "string" ? before.value : null },
        after: { styleGuide: next },
      },
    });
    return next;
  });
}
