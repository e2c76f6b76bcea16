-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN "last_step_by" TEXT;
