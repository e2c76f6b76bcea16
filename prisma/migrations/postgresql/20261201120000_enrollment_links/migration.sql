-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "enrollment_open_until" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "enrollment_links" (
    "account_id" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrollment_links_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_links_digest_key" ON "enrollment_links"("digest");

-- AddForeignKey
ALTER TABLE "enrollment_links" ADD CONSTRAINT "enrollment_links_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
