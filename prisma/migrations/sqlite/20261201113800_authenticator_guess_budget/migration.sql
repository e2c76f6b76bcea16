-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN "guess_window_start" DATETIME;
ALTER TABLE "authenticators" ADD COLUMN "guesses_in_window" INTEGER NOT NULL DEFAULT 0;
