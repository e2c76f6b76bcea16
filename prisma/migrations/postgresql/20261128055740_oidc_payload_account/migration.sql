-- AlterTable
ALTER TABLE "oidc_payloads" ADD COLUMN     "account_id" TEXT;

-- CreateIndex
CREATE INDEX "oidc_payloads_account_id_idx" ON "oidc_payloads"("account_id");
