-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN     "drift" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resync_offset" INTEGER,
ADD COLUMN     "resync_step" INTEGER;
