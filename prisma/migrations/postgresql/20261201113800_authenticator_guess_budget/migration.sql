-- AlterTable
ALTER TABLE "authenticators" ADD COLUMN     "guess_window_start" TIMESTAMP(3),
ADD COLUMN     "guesses_in_window" INTEGER NOT NULL DEFAULT 0;
