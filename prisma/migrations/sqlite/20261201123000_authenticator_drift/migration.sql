-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN "drift_steps" INTEGER NOT NULL DEFAULT 0;
