-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "revision_count" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_id_idx" ON "webhook_deliveries"("endpoint_id", "id" DESC);


-- Backfill, then keep the count current from the revisions table itself, so a thread page
-- reads a column instead of aggregating message_revisions (which grows with every edit).
UPDATE "messages" m SET "revision_count" = r.n
FROM (SELECT "message_id", count(*)::int AS n FROM "message_revisions" GROUP BY "message_id") r
WHERE r."message_id" = m."id";

CREATE FUNCTION messages_count_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "messages" SET "revision_count" = "revision_count" + 1 WHERE "id" = NEW."message_id";
  RETURN NULL;
END $$;

CREATE TRIGGER "message_revisions_count"
AFTER INSERT ON "message_revisions"
FOR EACH ROW EXECUTE FUNCTION messages_count_revision();
