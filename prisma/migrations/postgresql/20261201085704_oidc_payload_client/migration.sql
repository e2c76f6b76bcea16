-- AlterTable
ALTER TABLE "oidc_payloads" ADD COLUMN     "client_id" TEXT;

-- CreateIndex
CREATE INDEX "oidc_payloads_client_id_idx" ON "oidc_payloads"("client_id");

-- Backfill: state stored before this column existed names its client only inside the payload.
UPDATE "oidc_payloads" SET "client_id" = ("payload"::jsonb ->> 'clientId') WHERE "payload" LIKE '%"clientId"%';
