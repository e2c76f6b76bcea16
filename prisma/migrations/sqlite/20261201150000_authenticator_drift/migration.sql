-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN "drift" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "authenticators" ADD COLUMN "resync_offset" INTEGER;
ALTER TABLE "authenticators" ADD COLUMN "resync_step" INTEGER;
