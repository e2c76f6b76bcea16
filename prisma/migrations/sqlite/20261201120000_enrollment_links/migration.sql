-- AlterTable
ALTER TABLE "accounts" ADD COLUMN "enrollment_open_until" DATETIME;

-- CreateTable
CREATE TABLE "enrollment_links" (
    "account_id" TEXT NOT NULL PRIMARY KEY,
    "digest" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "enrollment_links_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_links_digest_key" ON "enrollment_links"("digest");
